export const handler = async (event, context) => {
  if (context.getRemainingTimeInMillis() < 1000) return { skipped: true }
  return { skipped: false }
}
