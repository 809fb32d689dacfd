// SDK clients for one discovery run, created lazily per region and service, all sharing one configuration:
// endpoint override, standard retries (the pacing is the rate limiter's), and one credential provider.

import { LambdaClient } from '@aws-sdk/client-lambda';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';

export interface ClientSettings {
  endpoint?: string;
  /** Static keys or a provider from @aws-sdk/credential-providers. */
  credentials: unknown;
  maxAttempts: number;
  retryMode: 'adaptive' | 'standard';
}

const FACTORIES = {
  lambda: LambdaClient,
  iam: IAMClient,
  sts: STSClient,
  s3: S3Client,
  sns: SNSClient,
  events: EventBridgeClient,
  scheduler: SchedulerClient,
  apigateway: APIGatewayClient,
  apigatewayv2: ApiGatewayV2Client,
  logs: CloudWatchLogsClient,
  elb: ElasticLoadBalancingV2Client,
  cloudformation: CloudFormationClient,
  cognito: CognitoIdentityProviderClient,
  organizations: OrganizationsClient,
  tagging: ResourceGroupsTaggingAPIClient,
} as const;

type Factories = typeof FACTORIES;
export type ServiceName = keyof Factories;
export type ClientOf<S extends ServiceName> = InstanceType<Factories[S]>;

export class ClientPool {
  private readonly clients = new Map<string, { destroy(): void }>();

  constructor(readonly settings: ClientSettings) {}

  get<S extends ServiceName>(service: S, region: string): ClientOf<S> {
    const key = `${service}/${region}`;
    let client = this.clients.get(key);
    if (!client) {
      const Ctor = FACTORIES[service] as unknown as new (config: Record<string, unknown>) => ClientOf<S>;
      const config: Record<string, unknown> = {
        region,
        credentials: this.settings.credentials,
        maxAttempts: this.settings.maxAttempts,
        retryMode: this.settings.retryMode,
      };
      // Buckets named by policies may live in other regions.
      if (service === 's3') config.followRegionRedirects = true;
      if (this.settings.endpoint) {
        config.endpoint = this.settings.endpoint;
        if (service === 's3') config.forcePathStyle = true;
      }
      client = new Ctor(config);
      this.clients.set(key, client);
    }
    return client as ClientOf<S>;
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}
