exports.handler = function (event, context, callback) {
	context.callbackWaitsForEmptyEventLoop = false;
	callback(null, { ok: true });
};
