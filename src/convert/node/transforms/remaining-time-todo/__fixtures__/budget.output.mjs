export const handler = async (event, context) => {
  // TODO(migrate:CAP-I009): getRemainingTimeInMillis() counts down from the Lambda timeout; Azure enforces host.json functionTimeout.
  if (context.getRemainingTimeInMillis() < 1000) return { skipped: true }
  return { skipped: false }
}
