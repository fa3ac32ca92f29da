import Fastify from 'fastify';

/** The baseline: a bare Fastify hello route, started as its own process like the API. */
const port = Number(process.env.PORT ?? 3999);
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port, host: '127.0.0.1' });
process.send?.('ready');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
