// The generated data-plane tests' harness: the same stores on both clouds, seeded with the same data, the original
// handler run against moto and the converted one against Azurite and the Cosmos DB stand-in, and the resulting
// state read back from each side into one comparable shape. Service Bus, Event Grid and Key Vault have no
// installable emulator: their clients are asserted at the SDK boundary (a recording HTTP client; for Service Bus,
// which speaks AMQP, a recording sender), and what they record is compared with what moto delivered.

import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CosmosClient } from '@azure/cosmos';
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { configureAzureClients } from './azure-clients.js';
import { cosmosId, marshall, toDocument, toItem, unmarshall } from './dynamo-mapping.js';
import { configureServiceBusSender } from './queues.js';
import { startAzurite, startCosmos, startMoto, type Azurite, type CosmosStandIn, type Moto } from './stand-ins.js';

/** One store the handler uses, as the generated test describes it (from the plan's data resources). */
export interface DataStore {
  service: 's3' | 'dynamodb' | 'sqs' | 'sns' | 'eventbridge' | 'secretsmanager' | 'ssm';
  kind: string;
  /** The environment variable that names it (AWS name on Lambda, Azure name on Azure). */
  envVar: string;
  /** The store's name on both sides (a valid bucket/container/queue name). */
  name: string;
  partitionKey?: string;
  sortKey?: string;
  /** Secrets and parameters: the app setting that holds the value on Azure. */
  setting?: string;
  /** Kept in AWS: the converted handler reaches it on moto through web-identity federation (no keys). */
  stay?: boolean;
}

/** The same data on both sides, keyed by the store's environment variable. */
export interface Seed {
  objects?: Record<string, Record<string, string>>;
  items?: Record<string, Record<string, unknown>[]>;
  values?: Record<string, string>;
}

const REGION = 'us-east-1';
const AWS_TEST_ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: REGION, AWS_MAX_ATTEMPTS: '1' };
const COSMOS_DATABASE = 'data-plane-test';
const topicEndpoint = (name: string) => `https://${name}.test-1.eventgrid.azure.net/api/events`;
const KEY_VAULT = 'https://data-plane-test.vault.azure.net';

type State = Record<string, unknown>;

const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

/** A recording HTTP client: Event Grid sends are accepted and kept; Key Vault reads answer from the seed. */
function recordingHttpClient(events: Map<string, unknown[]>, secrets: Record<string, string>): HttpClient {
  return {
    sendRequest(request: PipelineRequest) {
      const url = new URL(request.url);
      const reply = (status: number, body: unknown) => Promise.resolve({ request, status, headers: createHttpHeaders({ 'content-type': 'application/json' }), bodyAsText: JSON.stringify(body) });
      if (url.hostname.endsWith('.eventgrid.azure.net') && request.method === 'POST') {
        const list = events.get(url.origin + url.pathname) ?? [];
        list.push(...(JSON.parse(typeof request.body === 'string' ? request.body : '[]') as unknown[]));
        events.set(url.origin + url.pathname, list);
        return reply(200, {});
      }
      const secret = /^\/secrets\/([^/]+)/.exec(url.pathname);
      if (url.origin === KEY_VAULT && request.method === 'GET' && secret) {
        const value = secrets[secret[1]!];
        if (value === undefined) return reply(404, { error: { code: 'SecretNotFound', message: 'not found' } });
        return reply(200, { value, id: `${KEY_VAULT}/secrets/${secret[1]}/0000`, attributes: { enabled: true } });
      }
      return reply(404, { error: { code: 'NotRecorded', message: `${request.method} ${request.url} is not a recorded shape` } });
    },
  };
}

export class DataPlaneStandIns {
  private moto?: Moto;
  private azurite?: Azurite;
  private cosmos?: CosmosStandIn;
  private readonly awsEnv: Record<string, string> = {};
  /** AWS-side queues that capture SNS / EventBridge deliveries, by store env var. */
  private readonly captures: Record<string, string> = {};
  private readonly events = new Map<string, unknown[]>();
  private readonly serviceBus = new Map<string, unknown[]>();

  constructor(
    private readonly stores: DataStore[],
    private readonly seed: Seed,
  ) {}

  private aws<T>(Client: new (c: object) => T): T {
    return new Client({ endpoint: this.moto!.endpoint, region: REGION, forcePathStyle: true, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  }

  /** Start moto and create + seed every store there; returns the environment the original handler runs with. */
  async onAws(): Promise<Record<string, string>> {
    this.moto = await startMoto();
    for (const st of this.stores) await this.createOnAws(st);
    return { ...AWS_TEST_ENV, AWS_ENDPOINT_URL: this.moto.endpoint, ...this.awsEnv };
  }

  private async createOnAws(st: DataStore): Promise<void> {
    const sqs = this.aws(SQSClient);
    const v = this.seed.values?.[st.envVar];
    if (st.service === 's3') {
      const s3 = this.aws(S3Client);
      await s3.send(new CreateBucketCommand({ Bucket: st.name }));
      for (const [Key, Body] of Object.entries(this.seed.objects?.[st.envVar] ?? {})) await s3.send(new PutObjectCommand({ Bucket: st.name, Key, Body }));
      this.awsEnv[st.envVar] = st.name;
    } else if (st.service === 'dynamodb') {
      const ddb = this.aws(DynamoDBClient);
      const keys = [st.partitionKey!, ...(st.sortKey ? [st.sortKey] : [])];
      const types = (k: string) => (typeof this.seed.items?.[st.envVar]?.[0]?.[k] === 'number' ? 'N' : 'S');
      await ddb.send(
        new CreateTableCommand({
          TableName: st.name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: keys.map((k) => ({ AttributeName: k, AttributeType: types(k) })),
          KeySchema: keys.map((k, i) => ({ AttributeName: k, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
        }),
      );
      for (const item of this.seed.items?.[st.envVar] ?? []) await ddb.send(new PutItemCommand({ TableName: st.name, Item: marshall(item) as never }));
      this.awsEnv[st.envVar] = st.name;
    } else if (st.service === 'sqs') {
      this.awsEnv[st.envVar] = (await sqs.send(new CreateQueueCommand({ QueueName: st.name }))).QueueUrl!;
    } else if (st.service === 'sns') {
      const arn = (await this.aws(SNSClient).send(new CreateTopicCommand({ Name: st.name }))).TopicArn!;
      const capture = await this.captureQueue(sqs, `${st.name}-capture`);
      await this.aws(SNSClient).send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: capture.arn }));
      this.captures[st.envVar] = capture.url;
      this.awsEnv[st.envVar] = arn;
    } else if (st.service === 'eventbridge') {
      const eb = this.aws(EventBridgeClient);
      await eb.send(new CreateEventBusCommand({ Name: st.name }));
      const capture = await this.captureQueue(sqs, `${st.name}-capture`);
      await eb.send(new PutRuleCommand({ Name: `${st.name}-all`, EventBusName: st.name, EventPattern: JSON.stringify({ account: ['123456789012'] }) }));
      await eb.send(new PutTargetsCommand({ Rule: `${st.name}-all`, EventBusName: st.name, Targets: [{ Id: 'capture', Arn: capture.arn }] }));
      this.captures[st.envVar] = capture.url;
      this.awsEnv[st.envVar] = st.name;
    } else if (st.service === 'secretsmanager') {
      await this.aws(SecretsManagerClient).send(new CreateSecretCommand({ Name: st.name, SecretString: v ?? '' }));
      this.awsEnv[st.envVar] = st.name;
    } else {
      await this.aws(SSMClient).send(new PutParameterCommand({ Name: `/${st.name}`, Value: v ?? '', Type: 'String' }));
      this.awsEnv[st.envVar] = `/${st.name}`;
    }
  }

  private async captureQueue(sqs: SQSClient, name: string) {
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    return { url, arn: attrs.Attributes!.QueueArn! };
  }

  /** Start Azurite and the Cosmos stand-in, create + seed the Azure stores; the converted handler's environment. */
  async onAzure(): Promise<Record<string, string>> {
    // Kept stores start again from the seed on a fresh moto; the converted code reaches them through federation.
    const kept = this.stores.filter((st) => st.stay);
    let keptEnv: Record<string, string> = {};
    if (kept.length > 0) {
      await fetch(`${this.moto!.endpoint}/moto-api/reset`, { method: 'POST' });
      for (const st of kept) await this.createOnAws(st);
      keptEnv = {
        AWS_ENDPOINT_URL: this.moto!.endpoint,
        AWS_REGION: REGION,
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/data-plane-test',
        AWS_WEB_IDENTITY_AUDIENCE: 'api://AzureADTokenExchange',
        ...Object.fromEntries(kept.map((st) => [st.envVar, this.awsEnv[st.envVar]!])),
      };
    }
    this.azurite = await startAzurite();
    this.cosmos = await startCosmos();
    const env: Record<string, string> = {
      AZURE_STORAGE_CONNECTION_STRING: this.azurite.connectionString,
      AZURE_COSMOS_ENDPOINT: this.cosmos.endpoint,
      AZURE_COSMOS_KEY: this.cosmos.key,
      AZURE_COSMOS_DATABASE: COSMOS_DATABASE,
      AZURE_KEYVAULT_URI: KEY_VAULT,
      AZURE_SERVICEBUS_FQDN: 'data-plane-test.servicebus.windows.net',
    };
    const secrets: Record<string, string> = {};
    const blobs = BlobServiceClient.fromConnectionString(this.azurite.connectionString);
    const queues = QueueServiceClient.fromConnectionString(this.azurite.connectionString);
    const { database } = await this.cosmosClient().databases.createIfNotExists({ id: COSMOS_DATABASE });
    for (const st of this.stores.filter((x) => !x.stay)) {
      const v = this.seed.values?.[st.envVar];
      env[st.envVar] = st.kind === 'event-grid-topic' ? topicEndpoint(st.name) : st.name;
      if (st.kind === 'blob-container') {
        const container = blobs.getContainerClient(st.name);
        await container.create();
        for (const [key, body] of Object.entries(this.seed.objects?.[st.envVar] ?? {})) await container.getBlockBlobClient(key).uploadData(Buffer.from(body));
      } else if (st.kind === 'cosmos-container') {
        const { container } = await database.containers.createIfNotExists({ id: st.name, partitionKey: { paths: [`/${st.partitionKey!}`] } });
        for (const item of this.seed.items?.[st.envVar] ?? []) await container.items.create(toDocument(item, this.schema(st)));
      } else if (st.kind === 'storage-queue') {
        await queues.getQueueClient(st.name).create();
      } else if (st.kind === 'key-vault-secret' || st.kind === 'app-setting') {
        secrets[st.name] = v ?? '';
        if (st.setting) env[st.setting] = v ?? '';
      }
    }
    configureAzureClients({
      credential: { getToken: () => Promise.resolve({ token: 'data-plane-test', expiresOnTimestamp: Date.now() + 3_600_000 }) },
      httpClient: recordingHttpClient(this.events, secrets),
    });
    configureServiceBusSender((queue) => ({
      sendMessages: (messages) => {
        this.serviceBus.set(queue, [...(this.serviceBus.get(queue) ?? []), ...messages.map((m): unknown => m.body)]);
        return Promise.resolve();
      },
    }));
    return { ...env, ...keptEnv };
  }

  private cosmosClient() {
    return new CosmosClient({ endpoint: this.cosmos!.endpoint, key: this.cosmos!.key, connectionPolicy: { enableEndpointDiscovery: false } });
  }

  private schema(st: DataStore) {
    return { partitionKey: st.partitionKey!, ...(st.sortKey ? { sortKey: st.sortKey } : {}) };
  }

  /** What moto holds after the original run, in the shape azureState() reads. */
  async awsState(): Promise<State> {
    const state: State = {};
    for (const st of this.stores) {
      const v = await this.awsStoreState(st);
      if (v !== undefined) state[st.envVar] = v;
    }
    return state;
  }

  private async awsStoreState(st: DataStore): Promise<unknown> {
    const sqs = this.aws(SQSClient);
    const drain = async (url: string) => {
      const bodies: string[] = [];
      for (let i = 0; i < 10; i++) {
        const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
        if (!r.Messages?.length) break;
        bodies.push(...r.Messages.map((m) => m.Body ?? ''));
      }
      return bodies;
    };
    if (st.service === 's3') {
      const s3 = this.aws(S3Client);
      const objects: Record<string, string> = {};
      const list = await s3.send(new ListObjectsV2Command({ Bucket: st.name }));
      for (const o of list.Contents ?? []) objects[o.Key!] = await (await s3.send(new GetObjectCommand({ Bucket: st.name, Key: o.Key }))).Body!.transformToString();
      return objects;
    }
    if (st.service === 'dynamodb') {
      const scan = await this.aws(DynamoDBClient).send(new ScanCommand({ TableName: st.name }));
      return this.sortedItems(st, (scan.Items ?? []).map((i) => unmarshall(i as never)));
    }
    if (st.service === 'sqs') return drain(this.awsEnv[st.envVar]!);
    if (st.service === 'sns') {
      return (await drain(this.captures[st.envVar]!)).map((b) => {
        const n = JSON.parse(b) as { Subject?: string; Message: string };
        return { subject: n.Subject ?? null, message: n.Message };
      });
    }
    if (st.service === 'eventbridge') {
      return (await drain(this.captures[st.envVar]!)).map((b) => {
        const e = JSON.parse(b) as { source: string; 'detail-type': string; detail: unknown };
        return { source: e.source, detailType: e['detail-type'], detail: e.detail };
      });
    }
    return undefined;
  }

  /** What the Azure side holds after the converted run (stand-ins and recorded sends). */
  async azureState(): Promise<State> {
    const state: State = {};
    const blobs = BlobServiceClient.fromConnectionString(this.azurite!.connectionString);
    const queues = QueueServiceClient.fromConnectionString(this.azurite!.connectionString);
    const database = this.cosmosClient().database(COSMOS_DATABASE);
    for (const st of this.stores) {
      if (st.stay) {
        const v = await this.awsStoreState(st);
        if (v !== undefined) state[st.envVar] = v;
      } else if (st.kind === 'blob-container') {
        const objects: Record<string, string> = {};
        const container = blobs.getContainerClient(st.name);
        for await (const b of container.listBlobsFlat()) objects[b.name] = (await container.getBlobClient(b.name).downloadToBuffer()).toString('utf8');
        state[st.envVar] = objects;
      } else if (st.kind === 'cosmos-container') {
        const { resources } = await database.container(st.name).items.readAll<Record<string, unknown>>().fetchAll();
        state[st.envVar] = this.sortedItems(st, resources.map((r) => toItem(r, this.schema(st))!));
      } else if (st.kind === 'storage-queue') {
        const peeked = await queues.getQueueClient(st.name).peekMessages({ numberOfMessages: 32 });
        state[st.envVar] = peeked.peekedMessageItems.map((m) => Buffer.from(m.messageText, 'base64').toString('utf8'));
      } else if (st.kind === 'service-bus-queue') {
        state[st.envVar] = this.serviceBus.get(st.name) ?? [];
      } else if (st.kind === 'event-grid-topic') {
        const sent = (this.events.get(topicEndpoint(st.name)) ?? []) as { type: string; source: string; subject?: string; data?: unknown; data_base64?: string }[];
        state[st.envVar] =
          st.service === 'sns'
            ? sent.map((e) => ({ subject: e.subject ?? null, message: e.data_base64 === undefined ? e.data : Buffer.from(e.data_base64, 'base64').toString('utf8') }))
            : sent.map((e) => ({ source: e.source, detailType: e.type, detail: e.data }));
      }
    }
    return state;
  }

  private sortedItems(st: DataStore, items: Record<string, unknown>[]) {
    return items.sort((a, b) => byJson(cosmosId(a, this.schema(st)), cosmosId(b, this.schema(st))));
  }

  async stop(): Promise<void> {
    await Promise.all([this.moto?.stop(), this.azurite?.stop(), this.cosmos?.stop()]);
  }
}

/** Run `fn` with these environment variables set, restoring the previous values afterwards. */
export async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
