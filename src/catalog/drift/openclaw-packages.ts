/**
 * The published npm packages the catalog is read from, and which catalog
 * entry each package (or folder of one) belongs to, so that a drift report
 * can say whose host it found.
 */

/** A package, or a folder inside one, and the catalog entry its code serves. */
export interface PackageScope {
  /** The npm package name. */
  readonly packageName: string;
  /** A folder inside the package (with a trailing `/`), or `''` for the whole package. */
  readonly folder: string;
  /** What the code is for, as the catalog names it, such as `MessagingChannel.DISCORD`. */
  readonly belongsTo: string;
}

/**
 * OpenClaw's packages that the catalog covers: the gateway (`openclaw`, with
 * Telegram and the big providers built in as extensions), its model library
 * and the channel and provider plugins published separately.
 */
export const OPENCLAW_PACKAGES: PackageScope[] = [
  { packageName: 'openclaw', folder: 'dist/extensions/telegram/', belongsTo: 'MessagingChannel.TELEGRAM' },
  { packageName: 'openclaw', folder: 'dist/extensions/anthropic/', belongsTo: 'AiProvider.ANTHROPIC' },
  { packageName: 'openclaw', folder: 'dist/extensions/openai/', belongsTo: 'AiProvider.OPENAI' },
  { packageName: 'openclaw', folder: 'dist/extensions/google/', belongsTo: 'AiProvider.GOOGLE_GEMINI' },
  { packageName: 'openclaw', folder: 'dist/extensions/openrouter/', belongsTo: 'AiProvider.OPENROUTER' },
  { packageName: 'openclaw', folder: 'dist/extensions/xai/', belongsTo: 'AiProvider.XAI' },
  { packageName: 'openclaw', folder: 'dist/extensions/microsoft-foundry/', belongsTo: 'AiProvider.azureOpenAi' },
  { packageName: 'openclaw', folder: 'dist/extensions/ollama/', belongsTo: 'AiProvider.ollama' },
  { packageName: 'openclaw', folder: 'dist/extensions/vllm/', belongsTo: 'AiProvider.vllm' },
  { packageName: 'openclaw', folder: '', belongsTo: 'OpenClaw itself (OpenClawService, tools, other providers)' },
  { packageName: '@openclaw/ai', folder: '', belongsTo: 'AI providers (OpenClaw\'s model library)' },
  { packageName: '@openclaw/mistral-provider', folder: '', belongsTo: 'AiProvider.MISTRAL' },
  { packageName: '@openclaw/deepseek-provider', folder: '', belongsTo: 'AiProvider.DEEPSEEK' },
  { packageName: '@openclaw/whatsapp', folder: '', belongsTo: 'MessagingChannel.WHATSAPP' },
  { packageName: '@openclaw/discord', folder: '', belongsTo: 'MessagingChannel.DISCORD' },
  { packageName: '@openclaw/slack', folder: '', belongsTo: 'MessagingChannel.SLACK' },
  { packageName: '@openclaw/googlechat', folder: '', belongsTo: 'MessagingChannel.GOOGLE_CHAT' },
  { packageName: '@openclaw/msteams', folder: '', belongsTo: 'MessagingChannel.MS_TEAMS' },
  { packageName: '@openclaw/line', folder: '', belongsTo: 'MessagingChannel.LINE' },
  { packageName: '@openclaw/feishu', folder: '', belongsTo: 'MessagingChannel.FEISHU and MessagingChannel.LARK' },
  { packageName: '@openclaw/zalo', folder: '', belongsTo: 'MessagingChannel.ZALO' },
  { packageName: '@openclaw/twitch', folder: '', belongsTo: 'MessagingChannel.TWITCH' },
  { packageName: '@openclaw/matrix', folder: '', belongsTo: 'MessagingChannel.matrix' },
  { packageName: '@openclaw/mattermost', folder: '', belongsTo: 'MessagingChannel.mattermost' },
  { packageName: '@openclaw/nextcloud-talk', folder: '', belongsTo: 'MessagingChannel.nextcloudTalk' },
  { packageName: '@openclaw/signal', folder: '', belongsTo: 'MessagingChannel.signal' },
  { packageName: '@openclaw/bluebubbles', folder: '', belongsTo: 'MessagingChannel.blueBubbles' },
  { packageName: '@openclaw/synology-chat', folder: '', belongsTo: 'MessagingChannel.synologyChat' },
  { packageName: '@openclaw/irc', folder: '', belongsTo: 'MessagingChannel.irc' },
  // Client libraries the plugins depend on without bundling them.
  { packageName: '@microsoft/teams.api', folder: '', belongsTo: 'MessagingChannel.MS_TEAMS' },
  { packageName: '@microsoft/teams.apps', folder: '', belongsTo: 'MessagingChannel.MS_TEAMS' },
  { packageName: '@twurple/auth', folder: '', belongsTo: 'MessagingChannel.TWITCH' },
  { packageName: '@twurple/chat', folder: '', belongsTo: 'MessagingChannel.TWITCH' },
  { packageName: '@twurple/api-call', folder: '', belongsTo: 'MessagingChannel.TWITCH' },
];

/**
 * The code whose bare host constants (`'web.whatsapp.com'`) are connection
 * targets: the client libraries, found as packages of their own or bundled
 * under a plugin's `node_modules/`, and `openclaw`, whose provider tables
 * name hosts bare (`hosts: ['api.groq.com']`).
 */
export const CLIENT_LIBRARIES: string[] = [
  '@larksuiteoapi/node-sdk', '@line/bot-sdk', '@microsoft/teams.api', '@microsoft/teams.apps', '@slack/socket-mode',
  '@slack/web-api', '@twurple/api-call', '@twurple/auth', '@twurple/chat', 'baileys', 'discord-api-types', 'grammy', 'openclaw',
];

/** The names to `npm pack` for a report on the newest releases. */
export function packageNames(): string[] {
  return [...new Set(OPENCLAW_PACKAGES.map(scope => scope.packageName))];
}

/** What the code at `file` in `packageName` is for (the most specific folder wins). */
export function belongsTo(packageName: string, file: string): string {
  const scope = OPENCLAW_PACKAGES
    .filter(s => s.packageName === packageName && file.startsWith(s.folder))
    .sort((a, b) => b.folder.length - a.folder.length)[0];
  if (scope !== undefined) return scope.belongsTo;
  const extension = /^dist\/extensions\/([^/]+)\//.exec(file);
  return extension ? `the ${packageName} extension ${extension[1]} (not in the catalog)` : `the package ${packageName} (not in the catalog)`;
}

/** True when `file` of `packageName` is code of a known client library (or `openclaw` itself, outside its `node_modules/`). */
export function isClientLibrary(packageName: string, file: string): boolean {
  return CLIENT_LIBRARIES.some(library => (packageName === library && !file.startsWith('node_modules/')) || file.includes(`node_modules/${library}/`));
}
