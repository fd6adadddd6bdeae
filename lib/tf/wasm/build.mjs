// Compiles the AssemblyScript kernels (assembly/kernels.ts) to kernels.wasm, which is committed so
// that notebooks never need the compiler.
//   node lib/tf/wasm/build.mjs          rebuild kernels.wasm
//   node lib/tf/wasm/build.mjs --check  exit 1 if kernels.wasm is not what the source compiles to
// Flags: SIMD on; no runtime or GC (the kernels only touch memory through pointers); the memory is
// imported, so the same module runs inside the tfjs wasm backend's heap or in a private memory.
import asc from 'assemblyscript/asc';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, 'assembly', 'kernels.ts');

// Four builds of the same source: plain SIMD or relaxed SIMD (fused multiply-adds), each on an
// ordinary imported memory (the tfjs heap) or on a shared one (worker threads).
const SHARED = ['--enable', 'threads', '--sharedMemory', '--maximumMemory', '16384'];
const BUILDS = [
  { file: 'kernels.wasm', flags: ['--enable', 'simd', '--use', 'FMA=0'] },
  { file: 'kernels-fma.wasm', flags: ['--enable', 'simd', '--enable', 'relaxed-simd', '--use', 'FMA=1'] },
  { file: 'kernels-mt.wasm', flags: ['--enable', 'simd', '--use', 'FMA=0', ...SHARED] },
  { file: 'kernels-mt-fma.wasm', flags: ['--enable', 'simd', '--enable', 'relaxed-simd', '--use', 'FMA=1', ...SHARED] },
];

let stale = false;
for (const build of BUILDS) {
  const outputs = {};
  const { error, stderr } = await asc.main(
    [source, '--outFile', build.file, '-O3', '--runtime', 'stub', '--noAssert', '--importMemory', ...build.flags],
    { writeFile: (name, contents) => { outputs[name] = contents; } },
  );
  if (error) {
    console.error(stderr.toString());
    throw error;
  }
  const binary = outputs[build.file];
  if (!(binary instanceof Uint8Array)) throw new Error(`asc produced no ${build.file}`);
  // The module shares the tfjs heap, so it must import nothing but the memory and carry no data
  // segments that would be copied into that heap.
  const imports = importNames(binary);
  if (imports.join() !== 'env.memory') throw new Error(`${build.file}: unexpected imports ${imports.join(', ')}`);
  if (hasDataSection(binary)) throw new Error(`${build.file} has a data section`);
  const target = join(here, build.file);
  if (process.argv.includes('--check')) {
    if (Buffer.compare(readFileSync(target), Buffer.from(binary)) !== 0) {
      console.error(`lib/tf/wasm/${build.file} is stale: run \`node lib/tf/wasm/build.mjs\`.`);
      stale = true;
    } else {
      console.log(`${build.file} is up to date`);
    }
  } else {
    writeFileSync(target, binary);
    console.log(`wrote ${target} (${binary.length} bytes)`);
  }
}
if (stale) process.exit(1);

/** module.name of every import, read from the import section (id 2) without compiling. */
function importNames(bytes) {
  const names = [];
  for (const { id, start } of sections(bytes)) {
    if (id !== 2) continue;
    let pos = start;
    const [count, p0] = leb(bytes, pos);
    pos = p0;
    for (let i = 0; i < count; i++) {
      const [modLen, p1] = leb(bytes, pos);
      const mod = Buffer.from(bytes.subarray(p1, p1 + modLen)).toString();
      const [nameLen, p2] = leb(bytes, p1 + modLen);
      const name = Buffer.from(bytes.subarray(p2, p2 + nameLen)).toString();
      names.push(`${mod}.${name}`);
      pos = p2 + nameLen;
      const kind = bytes[pos++];
      if (kind === 0) pos = leb(bytes, pos)[1]; // function: type index
      else if (kind === 2) { const flags = bytes[pos++]; pos = leb(bytes, pos)[1]; if (flags & 1) pos = leb(bytes, pos)[1]; }
      else throw new Error(`unexpected import kind ${kind}`);
    }
  }
  return names;
}

/** True if the binary has a data section (id 11). */
function hasDataSection(bytes) {
  return sections(bytes).some((s) => s.id === 11);
}

function sections(bytes) {
  const list = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const [size, start] = leb(bytes, pos);
    list.push({ id, start });
    pos = start + size;
  }
  return list;
}

/** An unsigned LEB128 number at pos: [value, position after it]. */
function leb(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    value |= (b & 0x7f) << shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value >>> 0, pos];
  }
}
