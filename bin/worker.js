// Worker-thread entry of the extraction pool: loads the TypeScript task through tsx.
import { register } from 'tsx/esm/api';

register();
const mod = await import('../src/pipeline/worker.ts');
export default mod.default;
