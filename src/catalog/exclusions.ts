/**
 * Every host OpenClaw's code names that is NOT in the catalog, and why.
 * `cdk8s-openclaw catalog verify` fails on a host found in the packages that
 * is in neither the catalog nor this list, so a new host in a release is
 * reviewed here instead of taking the bot offline. The README's "Left out on
 * purpose" section is generated from this list (`leftOutMarkdown`).
 */

/** Why a host OpenClaw's code names is not in the catalog. */
export enum ExclusionReason {
  /** Named only as an OAuth scope or token audience; never connected to. */
  TOKEN_SCOPE_ONLY = 'token scope only',
  /** Used only for single sign-on or an interactive login, not by the running bot. */
  SSO_ONLY = 'SSO or interactive login only',
  /** A link shown to people (docs, consoles, help pages); the code never fetches it. */
  DOCS_LINK = 'docs link',
  /** Code that runs in a browser (the Control UI, HTML widgets, Discord's embedded app SDK), not in the pod. */
  BROWSER_SIDE = 'runs in a browser, not in the pod',
  /** A schema, namespace or spec identifier; never fetched. */
  IDENTIFIER = 'identifier, never fetched',
  /** An example or placeholder in help text or config samples. */
  EXAMPLE = 'example or placeholder',
  /** A version check with a fallback: the feature works without it. */
  VERSION_CHECK_WITH_FALLBACK = 'version check with a fallback',
  /** An optional feature that is off unless configured (voice, push relay, tunnels). */
  OPTIONAL_FEATURE = 'optional feature',
  /** A provider or service the catalog has no entry for; allow it with `EndpointSet.of`. */
  NOT_IN_CATALOG = 'provider or service not in the catalog',
  /** An endpoint of a client library that OpenClaw's plugin does not call (other clouds, other APIs). */
  UNUSED_CLIENT_ENDPOINT = 'client library endpoint OpenClaw does not use',
  /** Reached by the web or browser tools at the model's request; an allow-list cannot cover them. */
  TOOL_TARGET = 'web or browser tool target',
  /** Inside the pod, the node or the cluster (metadata service, Docker host); not an internet host. */
  LOCAL = 'local or in-cluster address',
  /** Reached only by a command an operator runs (`openclaw update`, `doctor`, `docs`, `proxy validate`), not by the running bot. */
  OPERATOR_COMMAND = 'operator command, not the running bot',
}

/**
 * A host (or `*` pattern, one label per `*`) that OpenClaw's code names and
 * the catalog leaves out, in the packages its `source` and `alsoIn` name
 * only: the same host named by another package is a new use, and reported.
 */
export interface Exclusion {
  readonly host: string;
  /** The ports this covers; all ports when absent. */
  readonly ports?: number[];
  readonly reason: ExclusionReason;
  /**
   * Where the code names it: the package, then the file (bundle chunk names
   * without their hash). The package is the exclusion's first scope.
   */
  readonly source: string;
  /**
   * More packages whose code names the host for the same reason. A scope
   * matches a scanned package of that name, and code bundled under
   * `node_modules/<name>/` in any package.
   */
  readonly alsoIn?: string[];
  /** One line for the README, when the reason alone does not say enough. */
  readonly note?: string;
}

/** The packages an exclusion applies to: the one its `source` starts with, and `alsoIn`. */
export function exclusionScopes(exclusion: Exclusion): string[] {
  return [exclusion.source.split(' ')[0], ...exclusion.alsoIn ?? []];
}

/** True when the code at `file` of the scanned package `packageName` is in `scope` (that package, or bundled under `node_modules/<scope>/`). */
export function inScope(scope: string, packageName: string, file: string): boolean {
  return packageName === scope || file.includes(`node_modules/${scope}/`);
}

/** A folder whose code is left out whole, and why. */
export interface FolderExclusion {
  readonly packageName: string;
  /** A folder inside the package, with a trailing `/`. */
  readonly folder: string;
  readonly reason: ExclusionReason;
  readonly note: string;
}

/** A catalog host that no literal in the code names, because the code gets it at run time. */
export interface HandedOutHost {
  readonly host: string;
  /** The catalog entry, such as `MessagingChannel.DISCORD`. */
  readonly entry: string;
  /** Where the host comes from at run time. */
  readonly source: string;
}

/** Folders whose code never runs in the gateway's pod, or drives a browser. */
export const EXCLUDED_FOLDERS: FolderExclusion[] = [
  {
    packageName: 'openclaw',
    folder: 'dist/control-ui/',
    reason: ExclusionReason.BROWSER_SIDE,
    note: 'the Control UI runs in the user\'s browser, not in the pod',
  },
  {
    packageName: 'openclaw',
    folder: 'node_modules/chrome-devtools-mcp/',
    reason: ExclusionReason.TOOL_TARGET,
    note: 'the browser tool (Chrome DevTools MCP) opens whatever page the model asks for',
  },
];

/** Catalog hosts the code gets at run time rather than from a literal. */
export const HANDED_OUT_HOSTS: HandedOutHost[] = [
  { host: '*.slack-files.com', entry: 'MessagingChannel.SLACK', source: 'file URLs in Slack API responses (url_private_download)' },
  { host: '*.asm.skype.com', entry: 'MessagingChannel.MS_TEAMS_MEDIA', source: 'attachment URLs in Teams activities; suffix asm.skype.com in @openclaw/msteams DEFAULT_MEDIA_HOST_ALLOWLIST' },
  { host: '*.sharepoint.com', entry: 'MessagingChannel.MS_TEAMS_MEDIA', source: 'Graph download redirects; suffix .sharepoint.com in @openclaw/msteams GRAPH_SHARED_LINK_HOST_SUFFIXES' },
  { host: 'formulae.brew.sh', entry: 'OpenClawService.HOMEBREW', source: 'Homebrew itself (brew install), not OpenClaw\'s code' },
  { host: 'ghcr.io', entry: 'OpenClawService.HOMEBREW', source: 'Homebrew itself (bottle downloads), not OpenClaw\'s code' },
  { host: 'pkg-containers.githubusercontent.com', entry: 'OpenClawService.HOMEBREW', source: 'Homebrew itself (bottle downloads), not OpenClaw\'s code' },
  { host: 'bedrock-runtime.*.amazonaws.com', entry: 'AiProvider.bedrock(region)', source: 'the AWS SDK builds it from the region (the Bedrock provider plugin is not on npm)' },
  { host: 'bedrock.*.amazonaws.com', entry: 'AiProvider.bedrock(region)', source: 'the AWS SDK builds it from the region (the Bedrock provider plugin is not on npm)' },
  { host: 'sts.*.amazonaws.com', entry: 'AiProvider.bedrock(region)', source: 'the AWS SDK builds it from the region (web-identity credentials)' },
];

/** Hosts named in OpenClaw's code and left out of the catalog on purpose. */
export const EXCLUDED_HOSTS: Exclusion[] = [
  { host: '*.services.ai.azure.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/onboard-*.mjs' },
  { host: '*.tts.speech.microsoft.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/extensions/azure-speech/capability-catalog.js', note: 'text to speech' },
  { host: '127.0.0.1', reason: ExclusionReason.LOCAL, source: '@openclaw/matrix node_modules/matrix-js-sdk/node_modules/loglevel/Gruntfile.js', alsoIn: ['@openclaw/msteams', 'openclaw'] },
  { host: '169.254.169.254', reason: ExclusionReason.LOCAL, source: '@openclaw/googlechat node_modules/google-auth-library/node_modules/gcp-metadata/build/src/index.js', alsoIn: ['openclaw'], note: 'the cloud metadata service (Google credentials); allow it with a CIDR rule if you use workload identity' },
  { host: '192.168.1.100', reason: ExclusionReason.EXAMPLE, source: '@openclaw/bluebubbles dist/channel-*.js' },
  { host: '2001:db8::1', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/extensions/imap/index.js', note: 'IPv6 documentation range' },
  { host: '::1', reason: ExclusionReason.LOCAL, source: 'openclaw dist/gateway-*.mjs' },
  { host: '::ffff:192.168.1.5', reason: ExclusionReason.EXAMPLE, source: '@openclaw/feishu node_modules/@larksuiteoapi/node-sdk/node_modules/axios/dist/node/axios.cjs' },
  { host: 'a2ui.org', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/canvas-host/a2ui/a2ui-v0.9.bundle.js' },
  { host: 'account.minimax.io', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/oauth-*.mjs' },
  { host: 'account.minimaxi.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/oauth-*.mjs' },
  { host: 'accounts.google.com', reason: ExclusionReason.SSO_ONLY, source: '@openclaw/googlechat dist/.setup/channel.adapters-*.mjs', alsoIn: ['google-auth-library', 'openclaw'] },
  { host: 'ae.api.openai.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/worker/sqlite-store.worker.mjs' },
  { host: 'agent-plugins.org', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/bundle-manifest-*.mjs' },
  { host: 'ai.azure.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/shared-*.mjs' },
  { host: 'ai.google.dev', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/provider-attribution-*.mjs' },
  { host: 'ai.ollama.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/extensions/ollama/doctor-contract-api.js' },
  { host: 'aiplatform.*.rep.googleapis.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/transport-stream-*.mjs' },
  { host: 'aiplatform.googleapis.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/provider-policy-*.mjs' },
  { host: 'aistudio.google.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/gemini-web-search-provider-*.mjs' },
  { host: 'android.googleapis.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/worker/sqlite-store.worker.mjs', note: 'mobile push notifications' },
  { host: 'aomediacodec.github.io', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/lib-*.mjs' },
  { host: 'api-dashboard.search.brave.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'api.botframework.azure.cn', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'api.botframework.com', reason: ExclusionReason.TOKEN_SCOPE_ONLY, source: '@microsoft/teams.api dist/auth/cloud-environment.js', alsoIn: ['@openclaw/msteams'], note: 'a token scope, audience or issuer; the Bot Connector is smba.trafficmanager.net' },
  { host: 'api.botframework.us', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'api.cerebras.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'api.cloudflare.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/resource-loader-*.mjs' },
  { host: 'api.deepgram.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/audio-*.mjs' },
  { host: 'api.deepinfra.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'api.dev.runwayml.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/video-generation-provider-*.mjs' },
  { host: 'api.elevenlabs.io', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/extensions/elevenlabs/capability-catalog.js' },
  { host: 'api.eu.mistral.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/worker/sqlite-store.worker.mjs' },
  { host: 'api.example.com', reason: ExclusionReason.EXAMPLE, source: '@openclaw/slack node_modules/@slack/bolt/node_modules/express/lib/response.js', alsoIn: ['openclaw'] },
  { host: 'api.github.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: '@openclaw/signal dist/.setup/install-signal-cli-*.mjs', alsoIn: ['openclaw'], note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'api.gmi-serving.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'api.imgflip.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw skills/meme-maker/scripts/meme.mjs' },
  { host: 'api.individual.githubcopilot.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/embeddings-*.mjs' },
  { host: 'api.kimi.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-provider-contract-*.mjs' },
  { host: 'api.meta.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'api.minimax.io', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/extensions/minimax/capability-catalog.js' },
  { host: 'api.minimaxi.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-provider-contract-*.mjs' },
  { host: 'api.moonshot.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'api.moonshot.cn', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'api.novita.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'api.pluralkit.me', reason: ExclusionReason.OPTIONAL_FEATURE, source: '@openclaw/discord dist/.setup/pluralkit-*.mjs', note: 'Discord PluralKit lookups' },
  { host: 'api.push.apple.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/push-apns-*.mjs', note: 'mobile push notifications' },
  { host: 'api.sandbox.push.apple.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/proxy-validation-*.mjs', note: 'mobile push notifications' },
  { host: 'api.senseaudio.cn', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/media-understanding-provider-*.mjs' },
  { host: 'api.together.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/worker/sqlite-store.worker.mjs' },
  { host: 'api.together.xyz', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/openclaw.plugin-*.mjs' },
  { host: 'api.us.mistral.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/worker/sqlite-store.worker.mjs' },
  { host: 'api.venice.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/model-catalog-pricing-*.mjs' },
  { host: 'api.xiaomimimo.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'api.z.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'apidod.botframework.azure.us', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'assets-global.website-files.com', reason: ExclusionReason.BROWSER_SIDE, source: '@openclaw/discord dist/assets/embedded-app-sdk.mjs', note: 'the Discord Embedded App SDK, which runs in the Discord client' },
  { host: 'assets.ngc.nvidia.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/provider-catalog-*.mjs' },
  { host: 'auth.openai.com', reason: ExclusionReason.SSO_ONLY, source: 'openclaw dist/extensions/openai/.setup/openai-chatgpt-device-code-*.mjs' },
  { host: 'auth.org', reason: ExclusionReason.EXAMPLE, source: '@openclaw/matrix node_modules/matrix-js-sdk/lib/testing.js' },
  { host: 'auth.x.ai', reason: ExclusionReason.SSO_ONLY, source: 'openclaw dist/extensions/xai/xai-oauth.js' },
  { host: 'avatars.githubusercontent.com', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/extensions/github/api.js' },
  { host: 'bitbucket.org', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/worker/sqlite-store.worker.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'botframework.com', reason: ExclusionReason.TOKEN_SCOPE_ONLY, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'a token scope, audience or issuer; the Bot Connector is smba.trafficmanager.net' },
  { host: 'browserbase.com', reason: ExclusionReason.TOOL_TARGET, source: 'openclaw dist/cdp.helpers-*.mjs' },
  { host: 'call.whatsapp.com', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/whatsapp node_modules/baileys/lib/Defaults/index.js', alsoIn: ['baileys'] },
  { host: 'canary.discord.com', reason: ExclusionReason.BROWSER_SIDE, source: '@openclaw/discord dist/assets/embedded-app-sdk.mjs', note: 'the Discord Embedded App SDK, which runs in the Discord client' },
  { host: 'canary.discordapp.com', reason: ExclusionReason.BROWSER_SIDE, source: '@openclaw/discord dist/assets/embedded-app-sdk.mjs', note: 'the Discord Embedded App SDK, which runs in the Discord client' },
  { host: 'cdn.jsdelivr.net', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/widget-html-*.mjs' },
  { host: 'cdn.playwright.dev', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/worker/worker.mjs', note: 'browser downloads for the browser tool' },
  { host: 'cdn.simpleicons.org', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/recommended-tool-installs-*.mjs' },
  { host: 'cdnjs.cloudflare.com', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/widget-html-*.mjs' },
  { host: 'chat.example.com', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/schema-*.mjs' },
  { host: 'chatgpt.com', reason: ExclusionReason.NOT_IN_CATALOG, source: '@openclaw/ai dist/openai-chatgpt-responses-*.mjs', alsoIn: ['openclaw'], note: 'the model API of a ChatGPT-subscription login (chatgpt.com/backend-api/codex, DEFAULT_CODEX_BASE_URL), called for every model turn; not api.openai.com' },
  { host: 'chromewebstore.google.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/extension-setup-*.mjs' },
  { host: 'claude.ai', reason: ExclusionReason.SSO_ONLY, source: 'openclaw dist/cli-auth-seam-*.mjs', note: 'subscription logins (ChatGPT, Claude, Grok, Gemini CLI) instead of an API key' },
  { host: 'clawrouter.openclaw.ai', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/provider-catalog-*.mjs' },
  { host: 'cli-chat-proxy.grok.com', reason: ExclusionReason.SSO_ONLY, source: 'openclaw dist/extensions/xai/.setup/model-definitions-*.mjs', note: 'subscription logins (ChatGPT, Claude, Grok, Gemini CLI) instead of an API key' },
  { host: 'clients2.google.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/extension-setup-*.mjs', note: 'Chrome extension updates for the browser tool' },
  { host: 'cloud.google.com', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/googlechat node_modules/google-auth-library/build/src/auth/googleauth.js', alsoIn: ['google-auth-library'] },
  { host: 'cloudcode-pa.googleapis.com', reason: ExclusionReason.SSO_ONLY, source: 'openclaw dist/provider-usage.fetch.gemini-*.mjs', note: 'subscription logins (ChatGPT, Claude, Grok, Gemini CLI) instead of an API key' },
  { host: 'cloudresourcemanager.googleapis.com', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@openclaw/googlechat node_modules/google-auth-library/build/src/auth/baseexternalclient.js', alsoIn: ['google-auth-library', 'openclaw'], note: 'google-auth-library paths the service-account login does not take (workload federation, impersonation, IAP)' },
  { host: 'code.claude.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/recommended-tool-installs-*.mjs' },
  { host: 'codeload.github.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/clawhub-install-trust-*.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'coding-intl.dashscope.aliyuncs.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'coding.dashscope.aliyuncs.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'cognitiveservices.azure.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/shared-*.mjs' },
  { host: 'company.ghe.com', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/oauth-*.mjs' },
  { host: 'configured.example', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/plugins-authoring-command-*.mjs' },
  { host: 'console.x.ai', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/web-search-provider-shared-*.mjs' },
  { host: 'control.example.com', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/schema-*.mjs' },
  { host: 'copilot-proxy.githubusercontent.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/provider-auth-*.mjs' },
  { host: 'crabbox.openclaw.ai', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/crabbox-wrapper.js' },
  { host: 'dashscope-intl.aliyuncs.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'dashscope.aliyuncs.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'db-ip.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/extensions/geolocation/index.js' },
  { host: 'developers.line.biz', reason: ExclusionReason.DOCS_LINK, source: '@line/bot-sdk dist/channel-access-token/api/channelAccessTokenClient.js' },
  { host: 'developers.openai.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/recommended-tool-installs-*.mjs' },
  { host: 'discord.gg', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/discord node_modules/discord-api-types/rest/v10/index.js', alsoIn: ['discord-api-types'] },
  { host: 'discord.gift', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/discord node_modules/discord-api-types/rest/v10/index.js', alsoIn: ['discord-api-types'] },
  { host: 'discord.new', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/discord node_modules/discord-api-types/rest/v10/index.js', alsoIn: ['discord-api-types'] },
  { host: 'discordapp.com', reason: ExclusionReason.IDENTIFIER, source: '@openclaw/discord dist/assets/embedded-app-sdk.mjs', note: 'a domain suffix the code compares hosts with' },
  { host: 'dns.googleapis.com', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@openclaw/googlechat node_modules/google-auth-library/build/src/auth/baseexternalclient.js', alsoIn: ['google-auth-library', 'openclaw'], note: 'google-auth-library paths the service-account login does not take (workload federation, impersonation, IAP)' },
  { host: 'docs.openclaw.ai', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/slack dist/.setup/pipeline.runtime-*.mjs' },
  { host: 'docs.openclaw.ai', reason: ExclusionReason.OPERATOR_COMMAND, source: 'openclaw dist/docs-cli-*.mjs', note: '`openclaw docs` searches /api/search and `openclaw doctor` probes it over TLS (doctor-web-fetch-proxy); elsewhere in openclaw, docs links' },
  { host: 'docs.searxng.org', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'docs.slack.dev', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/slack dist/.setup/provider-*.mjs' },
  { host: 'dod-graph.microsoft.us', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'domain.example.com', reason: ExclusionReason.EXAMPLE, source: '@openclaw/googlechat node_modules/google-auth-library/node_modules/gaxios/build/cjs/test/test.getch.js' },
  { host: 'download.db-ip.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/extensions/geolocation/index.js' },
  { host: 'duckduckgo.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'dummy.com', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/worker/sqlite-store.worker.mjs' },
  { host: 'edgeupdates.microsoft.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/worker/worker.mjs', note: 'browser downloads for the browser tool' },
  { host: 'en.wikipedia.org', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/tui-*.mjs' },
  { host: 'esm.sh', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/widget-html-*.mjs' },
  { host: 'eu.api.openai.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/worker/sqlite-store.worker.mjs' },
  { host: 'evil.com', reason: ExclusionReason.EXAMPLE, source: '@openclaw/feishu node_modules/@larksuiteoapi/node-sdk/node_modules/axios/dist/axios.js', alsoIn: ['openclaw'] },
  { host: 'exa.ai', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'example.com', reason: ExclusionReason.EXAMPLE, source: '@microsoft/teams.apps dist/utils/html-widget.js', alsoIn: ['@openclaw/twitch', 'express', 'gaxios', 'google-auth-library', 'micromark-util-symbol', 'typebox'] },
  { host: 'example.com', reason: ExclusionReason.OPERATOR_COMMAND, source: 'openclaw dist/proxy-validation-*.mjs', note: '`openclaw proxy validate` fetches it through the egress proxy as its default allowed URL; elsewhere in openclaw, examples' },
  { host: 'example.net', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/extensions/imap/index.js' },
  { host: 'example.org', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/extensions/imap/index.js' },
  { host: 'fake.proxy', reason: ExclusionReason.EXAMPLE, source: '@openclaw/googlechat node_modules/google-auth-library/node_modules/gaxios/build/cjs/test/test.getch.js' },
  { host: 'fal.run', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/http-config-*.mjs' },
  { host: 'fcm.googleapis.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/worker/sqlite-store.worker.mjs', note: 'mobile push notifications' },
  { host: 'feishu.cn', reason: ExclusionReason.IDENTIFIER, source: '@openclaw/feishu dist/api.js', note: 'a domain suffix the code compares hosts with' },
  { host: 'ffff::', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/extensions/imap/index.js' },
  { host: 'fonts.bunny.net', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/widget-html-*.mjs' },
  { host: 'fonts.googleapis.com', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/widget-html-*.mjs' },
  { host: 'fonts.gstatic.com', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/widget-html-*.mjs' },
  { host: 'foo.bar', reason: ExclusionReason.EXAMPLE, source: '@openclaw/googlechat node_modules/google-auth-library/node_modules/gaxios/build/cjs/test/test.getch.js' },
  { host: 'foo.com', reason: ExclusionReason.EXAMPLE, source: '@openclaw/googlechat node_modules/google-auth-library/node_modules/node-fetch/src/index.js', alsoIn: ['openclaw'] },
  { host: 'foo.example.com', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/config-doctor/fetch-guard-*.js' },
  { host: 'gateway.ai.cloudflare.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/resource-loader-*.mjs' },
  { host: 'gateway.example.com', reason: ExclusionReason.EXAMPLE, source: '@openclaw/synology-chat dist/setup-surface-*.js', alsoIn: ['openclaw'] },
  { host: 'genai.example.com', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/agent-core-*.mjs' },
  { host: 'gist.github.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/worker/sqlite-store.worker.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'gist.githubusercontent.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/worker/sqlite-store.worker.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'github-production-user-asset-6210df.s3.amazonaws.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/handlers-*.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'gitlab.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/worker/sqlite-store.worker.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'gmail.googleapis.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/webhooks-cli-*.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'google.com', reason: ExclusionReason.EXAMPLE, source: '@openclaw/googlechat node_modules/google-auth-library/node_modules/gaxios/build/cjs/test/test.retry.js' },
  { host: 'google.com', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/src-*.mjs', note: 'a domain suffix the code compares hosts with (bundled google-auth-library)' },
  { host: 'googleapis.com', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/src-*.mjs', note: 'a domain suffix the code compares hosts with' },
  { host: 'grammy.dev', reason: ExclusionReason.DOCS_LINK, source: 'grammy out/convenience/inline_query.js' },
  { host: 'graph.microsoft.us', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', alsoIn: ['@microsoft/teams.apps'], note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'groq.com', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/extensions/openai/capability-catalog.js', note: 'a domain suffix the code compares hosts with' },
  { host: 'host.docker.internal', reason: ExclusionReason.LOCAL, source: 'openclaw dist/defaults-*.mjs' },
  { host: 'iamcredentials.googleapis.com', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@openclaw/googlechat node_modules/google-auth-library/build/src/auth/googleauth.js', alsoIn: ['google-auth-library', 'openclaw'], note: 'google-auth-library paths the service-account login does not take (workload federation, impersonation, IAP)' },
  { host: 'integrate.api.nvidia.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/provider-catalog-*.mjs' },
  { host: 'ios-push-relay-sandbox.openclaw.ai', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/push-apns-store-*.mjs', note: 'mobile push notifications' },
  { host: 'ios-push-relay.openclaw.ai', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/push-apns-store-*.mjs', note: 'mobile push notifications' },
  { host: 'irc.chat.twitch.tv', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@twurple/chat lib/ChatClient.js' },
  { host: 'json-schema.org', reason: ExclusionReason.IDENTIFIER, source: '@openclaw/discord node_modules/@discord/embedded-app-sdk/node_modules/zod/v4/core/to-json-schema.cjs', alsoIn: ['openclaw', 'typebox', 'zod'] },
  { host: 'lf3-static.bytednsdoc.com', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@larksuiteoapi/node-sdk es/index.js' },
  { host: 'llm.chutes.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'lmstudio.ai', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/recommended-tool-installs-*.mjs' },
  { host: 'login.botframework.azure.cn', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'login.botframework.azure.us', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'login.microsoftonline.us', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'login.partner.microsoftonline.cn', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'login.url', reason: ExclusionReason.EXAMPLE, source: '@microsoft/teams.apps dist/contexts/activity.test.js' },
  { host: 'manager.line.biz', reason: ExclusionReason.DOCS_LINK, source: '@line/bot-sdk dist/cjs/module-attach/api/lineModuleAttachClient.js' },
  { host: 'matrix.org', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@openclaw/matrix node_modules/matrix-js-sdk/lib/http-api/fetch.js' },
  { host: 'matrix.to', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/matrix dist/.setup/send-*.mjs' },
  { host: 'metadata.google.internal', reason: ExclusionReason.LOCAL, source: '@openclaw/googlechat node_modules/google-auth-library/node_modules/gcp-metadata/build/src/index.js', alsoIn: ['openclaw'], note: 'the cloud metadata service (Google credentials); allow it with a CIDR rule if you use workload identity' },
  { host: 'microsoftgraph.chinacloudapi.cn', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'microsoftservices.partner.onmschina.cn', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Microsoft national clouds (US Gov, DoD, China)' },
  { host: 'minimaxi.com', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/image-generation-provider-*.mjs', note: 'a domain suffix the code compares hosts with' },
  { host: 'models.opencode.ai', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/extensions/opencode-go/provider-discovery.js' },
  { host: 'mtls.api.openai.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/worker/sqlite-store.worker.mjs' },
  { host: 'musicbrainz.org', reason: ExclusionReason.IDENTIFIER, source: '@openclaw/matrix node_modules/music-metadata/lib/id3v2/ID3v24TagMapper.js', alsoIn: ['music-metadata'] },
  { host: 'nas.example.com', reason: ExclusionReason.EXAMPLE, source: '@openclaw/synology-chat dist/setup-surface-*.js' },
  { host: 'nodejs.org', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/feishu node_modules/@larksuiteoapi/node-sdk/node_modules/object-inspect/test/inspect.js', alsoIn: ['object-inspect', 'retry'] },
  { host: 'nodejs.org', reason: ExclusionReason.OPERATOR_COMMAND, source: 'openclaw dist/update-command-node-runtime-resolution-*.mjs', note: '`openclaw update` reads /dist/index.json when no usable Node is installed; Crabbox\'s remote macOS setup script downloads Node there' },
  { host: 'not.evil.com', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/extensions/imap/index.js' },
  { host: 'ollama-setup.me', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/setup.runtime-*.mjs' },
  { host: 'ollama.com', reason: ExclusionReason.NOT_IN_CATALOG, source: '@openclaw/ai dist/openai-completions-compat-*.mjs', alsoIn: ['openclaw'] },
  { host: 'open.bigmodel.cn', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'openai.azure.com', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/config-provider-contract-*.mjs', note: 'a domain suffix the code compares hosts with' },
  { host: 'openai.com', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/config-doctor/fetch-guard-*.js', note: 'a domain suffix the code compares hosts with' },
  { host: 'openclaw.ai', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/channel.setup-*.mjs' },
  { host: 'openclaw.invalid', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/control-ui-plugin-tabs-*.mjs' },
  { host: 'openclaw.local', reason: ExclusionReason.LOCAL, source: 'openclaw dist/miniapp-api-*.mjs' },
  { host: 'opencode.ai', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'parallel.ai', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'pax.discord.com', reason: ExclusionReason.BROWSER_SIDE, source: '@openclaw/discord dist/assets/embedded-app-sdk.mjs', note: 'the Discord Embedded App SDK, which runs in the Discord client' },
  { host: 'platform.claude.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/provider-runtime.errors-*.mjs' },
  { host: 'platform.minimax.io', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/minimax-web-search-provider-*.mjs' },
  { host: 'platform.moonshot.cn', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'platform.parallel.ai', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'playwright.bloburl', reason: ExclusionReason.LOCAL, source: 'openclaw dist/worker/worker.mjs' },
  { host: 'playwright.download.prss.microsoft.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/worker/worker.mjs', note: 'browser downloads for the browser tool' },
  { host: 'private-user-images.githubusercontent.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/handlers-*.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'ptb.discord.com', reason: ExclusionReason.BROWSER_SIDE, source: '@openclaw/discord dist/assets/embedded-app-sdk.mjs', note: 'the Discord Embedded App SDK, which runs in the Discord client' },
  { host: 'ptb.discordapp.com', reason: ExclusionReason.BROWSER_SIDE, source: '@openclaw/discord dist/assets/embedded-app-sdk.mjs', note: 'the Discord Embedded App SDK, which runs in the Discord client' },
  { host: 'pubsub.googleapis.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/webhooks-cli-*.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'queue.fal.run', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/video-generation-provider-*.mjs' },
  { host: 'raw.githubusercontent.com', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/model-catalog-pricing-*.mjs', note: 'LiteLLM\'s price list, named as a model-pricing source whose id only is used (prices ship with the hosted model catalog); ajv\'s meta-schema $id' },
  { host: 'raw.githubusercontent.com', reason: ExclusionReason.VERSION_CHECK_WITH_FALLBACK, source: '@openclaw/whatsapp node_modules/baileys/lib/Utils/generics.js', alsoIn: ['baileys'], note: 'Baileys fetches the WhatsApp Web version on connect and falls back to its bundled one' },
  { host: 'realtime.invalid', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/extensions/openai/capability-catalog.js' },
  { host: 'redacted.invalid', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/config-doctor/runtime-*.js' },
  { host: 'reefwire.ai', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/channel-*.mjs' },
  { host: 'release-assets.githubusercontent.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/crabbox-managed-binary-*.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'router.huggingface.co', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/models-*.mjs' },
  { host: 'schema.org', reason: ExclusionReason.IDENTIFIER, source: '@microsoft/teams.api dist/activities/activity.js', alsoIn: ['@openclaw/msteams'] },
  { host: 'schema.skype.com', reason: ExclusionReason.IDENTIFIER, source: '@openclaw/msteams dist/.setup/resolve-allowlist-*.cjs' },
  { host: 'schemas.microsoft.com', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/schtasks-layout-*.mjs' },
  { host: 'speech.platform.bing.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/extensions/microsoft/capability-catalog.js', note: 'text to speech' },
  { host: 'staging.discord.co', reason: ExclusionReason.BROWSER_SIDE, source: '@openclaw/discord dist/assets/embedded-app-sdk.mjs', note: 'the Discord Embedded App SDK, which runs in the Discord client' },
  { host: 'static-cdn.jtvnw.net', reason: ExclusionReason.BROWSER_SIDE, source: '@twurple/chat lib/emotes/buildEmoteImageUrl.js' },
  { host: 'sts.windows.net', reason: ExclusionReason.TOKEN_SCOPE_ONLY, source: '@microsoft/teams.apps dist/middleware/auth/jwt-validator.js', note: 'a token scope, audience or issuer; the Bot Connector is smba.trafficmanager.net' },
  { host: 'stun.l.google.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/lib-*.mjs' },
  { host: 'support.microsoft.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/worker/worker.mjs' },
  { host: 't.me', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/channel.setup-*.mjs' },
  { host: 'tavily.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'telegram.org', reason: ExclusionReason.DOCS_LINK, source: 'grammy out/convenience/keyboard.js' },
  { host: 'telegram.org', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/miniapp-api-*.mjs', note: 'the Telegram Web App script of the Mini App page, loaded by the Telegram client' },
  { host: 'test.com', reason: ExclusionReason.EXAMPLE, source: '@microsoft/teams.apps dist/contexts/activity.test.js' },
  { host: 'token-plan-ams.xiaomimimo.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'token-plan-cn.xiaomimimo.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'token-plan-sgp.xiaomimimo.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'token-plan.ap-southeast-1.maas.aliyuncs.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'token-plan.cn-beijing.maas.aliyuncs.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'token.botframework.azure.cn', reason: ExclusionReason.SSO_ONLY, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Teams SSO (the Bot Framework token service)' },
  { host: 'token.botframework.com', reason: ExclusionReason.SSO_ONLY, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Teams SSO (the Bot Framework token service)' },
  { host: 'tokengcch.botframework.azure.us', reason: ExclusionReason.SSO_ONLY, source: '@microsoft/teams.api dist/auth/cloud-environment.js', note: 'Teams SSO (the Bot Framework token service)' },
  { host: 'tweakcn.com', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/control-ui-*.mjs' },
  { host: 'twitter.com', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/extensions/imap/index.js' },
  { host: 'type.googleapis.com', reason: ExclusionReason.IDENTIFIER, source: '@larksuiteoapi/node-sdk es/index.js', alsoIn: ['baileys', 'protobufjs'] },
  { host: 'unpkg.com', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/widget-html-*.mjs' },
  { host: 'unrelated.example', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/plugins-authoring-command-*.mjs' },
  { host: 'us.api.openai.com', reason: ExclusionReason.NOT_IN_CATALOG, source: 'openclaw dist/worker/sqlite-store.worker.mjs' },
  { host: 'user-images.githubusercontent.com', reason: ExclusionReason.OPTIONAL_FEATURE, source: 'openclaw dist/handlers-*.mjs', note: 'GitHub, git-hosted installs and Gmail hooks' },
  { host: 'vil.com', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/extensions/imap/index.js' },
  { host: 'wa.me', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/whatsapp node_modules/baileys/lib/Utils/companion-reg-client-utils.js', alsoIn: ['baileys'] },
  { host: 'www.apple.com', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/launchd-plist-*.mjs' },
  { host: 'www.firecrawl.dev', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'www.gravatar.com', reason: ExclusionReason.BROWSER_SIDE, source: 'openclaw dist/user-profiles-http-*.mjs' },
  { host: 'www.gstatic.com', reason: ExclusionReason.UNUSED_CLIENT_ENDPOINT, source: '@openclaw/googlechat node_modules/google-auth-library/build/src/auth/oauth2client.js', alsoIn: ['google-auth-library', 'openclaw'], note: 'google-auth-library paths the service-account login does not take (workload federation, impersonation, IAP)' },
  { host: 'www.ietf.org', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/lib-*.mjs' },
  { host: 'www.perplexity.ai', reason: ExclusionReason.DOCS_LINK, source: 'openclaw dist/config-doctor/official-external-plugin-catalog-*.js' },
  { host: 'www.w3.org', reason: ExclusionReason.IDENTIFIER, source: '@openclaw/signal node_modules/jszip/vendor/FileSaver.js', alsoIn: ['openclaw'] },
  { host: 'www.webrtc.org', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/lib-*.mjs' },
  { host: 'www.whatsapp.com', reason: ExclusionReason.DOCS_LINK, source: '@openclaw/whatsapp node_modules/baileys/lib/WABinary/constants.js', alsoIn: ['baileys'] },
  { host: 'x.ai', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/extensions/xai/xai-oauth.js', note: 'a domain suffix the code compares hosts with' },
  { host: 'your-org.ghe.com', reason: ExclusionReason.EXAMPLE, source: 'openclaw dist/extensions/github-copilot/index.js' },
  { host: 'your.host', reason: ExclusionReason.EXAMPLE, source: '@openclaw/googlechat dist/.setup/channel-base-*.mjs' },
  { host: 'z.ai', reason: ExclusionReason.IDENTIFIER, source: 'openclaw dist/config-doctor/feishu.js', note: 'a domain suffix the code compares hosts with' },
];
