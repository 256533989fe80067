// The Node options the game server runs with (npm start, the load test's game and bare rounds,
// the tests' server processes).
// --max-semi-space-size=32: a young generation twice Node's default. Under load (npm run loadtest:
// 700 clients) the default 16 MB let each quarter's views, states and frames survive into the old
// generation: ~33 scavenges of up to 60–75 ms in a 10 s run (event-loop stalls that showed in the
// p99). With 32 MB: ~15 scavenges of at most ~17–33 ms, half the collection time, for ~30 MB more
// resident memory (64 MB halved the scavenges again but cost ~90 MB).
export const SERVER_NODE_ARGS = ['--max-semi-space-size=32'];
