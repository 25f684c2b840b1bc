/** Child process of the benchmark: resident memory with an index loaded and queried. */
import { Engine } from "../../src/engine/engine.js";

const engine = Engine.open({ indexDir: process.argv[2] });
for (const q of ["quyền sử dụng đất", "thủ tục hải quan", "hợp đồng thuê nhà"]) await engine.ask(q);
global.gc?.();
console.log(JSON.stringify({ rssMb: Math.round(process.memoryUsage().rss / 1048576), heapMb: Math.round(process.memoryUsage().heapUsed / 1048576) }));
