// The receiving side of an ONNX export (issue 23): ONNX Runtime (onnxruntime-node), nothing
// of Seekbench. Usage: node run_onnx.js MODEL.onnx CASES.json. Each case has input_ids
// (rows of token ids), the logits Seekbench's own module gave (flat, with their dims) and
// a tolerance relative to the largest |logit|. Prints one JSON line per case; exit 0 when
// every case agrees, 1 when one does not, 2 when the runtime cannot be loaded.
'use strict';
const fs = require('fs');

let ort;
try {
  ort = require('onnxruntime-node');
} catch (e) {
  console.log(JSON.stringify({ error: 'onnxruntime-node cannot be loaded: ' + e.message }));
  process.exit(2);
}

async function main() {
  const [modelPath, casesPath] = process.argv.slice(2);
  const cases = JSON.parse(fs.readFileSync(casesPath, 'utf8'));
  const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  let ok = true;
  for (const c of cases) {
    const batch = c.input_ids.length, length = c.input_ids[0].length;
    const ids = BigInt64Array.from(c.input_ids.flat().map(BigInt));
    const out = await session.run({ input_ids: new ort.Tensor('int64', ids, [batch, length]) });
    const logits = out.logits;
    const sameDims = JSON.stringify(logits.dims.map(Number)) === JSON.stringify(c.dims);
    let maxDiff = Infinity, scale = 0;
    if (sameDims) {
      maxDiff = 0;
      for (let i = 0; i < c.logits.length; ++i) {
        maxDiff = Math.max(maxDiff, Math.abs(logits.data[i] - c.logits[i]));
        scale = Math.max(scale, Math.abs(c.logits[i]));
      }
    }
    const relative = maxDiff / Math.max(scale, 1e-30);
    const agrees = sameDims && relative <= c.rtol;
    ok = ok && agrees;
    console.log(JSON.stringify({ batch, length, dims: logits.dims.map(Number), max_abs_diff: maxDiff,
                                 largest_logit: scale, relative, ok: agrees }));
  }
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.log(JSON.stringify({ error: String(e && e.message ? e.message : e) }));
  process.exit(1);
});
