import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

const secrets = new SecretsManagerClient({});
const ssm = new SSMClient({});
const vault = new SecretsManagerClient({});

export const handler = async (event) => {
  const db = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));
  const flag = await ssm.send(new GetParameterCommand({ Name: process.env.FLAG_PARAM, WithDecryption: true }));
  // A name known only at run time: read from Key Vault.
  const other = await vault.send(new GetSecretValueCommand({ SecretId: event.secretName }));
  return { db: JSON.parse(db.SecretString).user, flag: flag.Parameter.Value, other: other.SecretString };
};
