const helper = () => console.log('outside the handler stays');

module.exports.handler = async (event, ctx) => {
  ctx.log('received', event.id);
  const items = [1, 2].map((ctx) => console.info('shadowed', ctx));
  if (!event.ok) ctx.error("failed");
  return items.length;
};
