/**
 * A counter bumped whenever a policy building block is created or gains a
 * rule, so that synth-time checks can tell whether the policies changed
 * since they last ran.
 */
let revision = 0;

/** Records that some policy changed. */
export function policiesChanged(): void {
  revision++;
}

/** The current revision. */
export function policyRevision(): number {
  return revision;
}
