import { getSecretValue, keyVaultSecrets } from 'migrate-runtime/secrets';

const vault = keyVaultSecrets();

export const handler = async (event) => {
  const db = ({ SecretString: process.env.DB_SECRET });
  const flag = ({ Parameter: { Name: process.env.FLAG_PARAM, Type: 'String', Value: process.env.FEATURE_FLAG } });
  // A name known only at run time: read from Key Vault.
  const other = await getSecretValue(vault, { SecretId: event.secretName });
  return { db: JSON.parse(db.SecretString).user, flag: flag.Parameter.Value, other: other.SecretString };
};
