import { EndpointSet, EndpointSetProps } from './endpoint-set';
import { Fqdn } from '../net/fqdn';
import { Port } from '../net/port';
import { invalid, validatePortNumber } from '../validation/rules';

/** HTTPS, the port every hosted model API uses. */
const HTTPS = [Port.tcp(443)];

/**
 * An AI model provider OpenClaw calls: a hosted API (external hosts on TCP
 * 443) or a model server inside the cluster (pods, by namespace and labels).
 *
 * Hosts are the providers' default base URLs in `openclaw` 2026.9.6 and its
 * provider plugins. Optional extras (subscription OAuth logins, usage
 * dashboards, Vertex AI) are left out; allow them with `EndpointSet.of` if
 * you use them.
 */
export class AiProvider extends EndpointSet {
  /** Anthropic (Claude): `api.anthropic.com`. Source: the anthropic extension's `baseUrl`. */
  public static readonly ANTHROPIC = AiProvider.hosted('anthropic', 'Anthropic API (Claude models)', ['api.anthropic.com']);

  /** OpenAI: `api.openai.com` (HTTPS and the realtime WebSocket). Source: `OPENAI_API_BASE_URL`. */
  public static readonly OPENAI = AiProvider.hosted('openai', 'OpenAI API (GPT models, realtime)', ['api.openai.com']);

  /**
   * Google Gemini: `generativelanguage.googleapis.com` (OpenClaw refuses any
   * other base URL for this provider). Vertex AI is a different service.
   */
  public static readonly GOOGLE_GEMINI = AiProvider.hosted('google-gemini', 'Google Gemini API', ['generativelanguage.googleapis.com']);

  /** OpenRouter: `openrouter.ai`. Source: `OPENROUTER_BASE_URL`. */
  public static readonly OPENROUTER = AiProvider.hosted('openrouter', 'OpenRouter API', ['openrouter.ai']);

  /** Mistral: `api.mistral.ai`. Source: the `@openclaw/mistral-provider` plugin. */
  public static readonly MISTRAL = AiProvider.hosted('mistral', 'Mistral API', ['api.mistral.ai']);

  /** Groq: `api.groq.com`. Source: OpenClaw's provider catalog (`groq-native` endpoint). */
  public static readonly GROQ = AiProvider.hosted('groq', 'Groq API', ['api.groq.com']);

  /** DeepSeek: `api.deepseek.com`. Source: the `@openclaw/deepseek-provider` plugin. */
  public static readonly DEEPSEEK = AiProvider.hosted('deepseek', 'DeepSeek API', ['api.deepseek.com']);

  /** xAI (Grok): `api.x.ai`. Source: the xai extension's `baseUrl`. */
  public static readonly XAI = AiProvider.hosted('xai', 'xAI API (Grok models)', ['api.x.ai']);

  /**
   * Azure OpenAI: `<resourceName>.openai.azure.com`, the host OpenClaw's
   * `azure-openai` provider accepts.
   *
   * @param resourceName the Azure OpenAI resource's custom subdomain, such as `contoso-ai`
   */
  public static azureOpenAi(resourceName: string): AiProvider {
    if (typeof resourceName !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(resourceName)) {
      throw invalid('resourceName', resourceName,
        'An Azure OpenAI resource name is its custom subdomain: 1-63 lowercase letters, digits and "-", such as "contoso-ai".');
    }
    return AiProvider.hosted(`azure-openai-${resourceName}`.slice(0, 63).replace(/-+$/, ''),
      `Azure OpenAI resource ${resourceName}`, [`${resourceName}.openai.azure.com`]);
  }

  /**
   * Amazon Bedrock in one region: `bedrock-runtime.<region>.amazonaws.com`
   * (model calls), `bedrock.<region>.amazonaws.com` (model discovery) and
   * `sts.<region>.amazonaws.com` (web-identity credentials, as with IRSA).
   * Source: OpenClaw's Bedrock provider docs (the plugin is not on npm).
   *
   * @param region the AWS region, such as `eu-central-1`
   */
  public static bedrock(region: string): AiProvider {
    if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) {
      throw invalid('region', region, 'An AWS region looks like "us-east-1", "eu-central-1" or "us-gov-west-1".');
    }
    return AiProvider.hosted(`bedrock-${region}`, `Amazon Bedrock in ${region} (runtime, model discovery, STS credentials)`,
      [`bedrock-runtime.${region}.amazonaws.com`, `bedrock.${region}.amazonaws.com`, `sts.${region}.amazonaws.com`]);
  }

  /**
   * Ollama running in the cluster, on TCP 11434.
   *
   * @param namespace the model server's namespace
   * @param labels the model server's pod labels (default `{ app: 'ollama' }`)
   */
  public static ollama(namespace: string, labels?: { [key: string]: string }): AiProvider {
    return AiProvider.inCluster('ollama', namespace, labels ?? { app: 'ollama' }, 11434);
  }

  /**
   * vLLM running in the cluster, on TCP 8000 (its OpenAI-compatible server).
   *
   * @param namespace the model server's namespace
   * @param labels the model server's pod labels (default `{ app: 'vllm' }`)
   */
  public static vllm(namespace: string, labels?: { [key: string]: string }): AiProvider {
    return AiProvider.inCluster('vllm', namespace, labels ?? { app: 'vllm' }, 8000);
  }

  /**
   * Any model server running in the cluster (LM Studio, SGLang, LiteLLM, a
   * custom gateway). It is reached by pod selector (`toEndpoints`, or a
   * NetworkPolicy pod peer), never by FQDN.
   *
   * @param name a short name for annotations, such as `litellm`
   * @param namespace the model server's namespace
   * @param labels the model server's pod labels (at least one)
   * @param port the TCP port the pods listen on (after Service translation)
   */
  public static inCluster(name: string, namespace: string, labels: { [key: string]: string }, port: number): AiProvider {
    validatePortNumber('port', port);
    return new AiProvider({
      name,
      description: `in-cluster model server ${name}`,
      namespace,
      podLabels: labels,
      ports: [Port.tcp(port)],
    });
  }

  private static hosted(name: string, description: string, hosts: string[]): AiProvider {
    return new AiProvider({ name, description, fqdns: hosts.map(host => Fqdn.exact(host)), ports: HTTPS });
  }

  private constructor(props: EndpointSetProps) {
    super(props);
  }
}
