import type { Handler } from 'aws-lambda';

export const handler: Handler = async (event, context) => {
  console.log('typed context has no log method', context.awsRequestId);
};
