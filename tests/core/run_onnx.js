// The receiving side of an ONNX export (issue 23): ONNX Runtime (onnxruntime-node), nothing
// of Seekbench. Usage: node run_onnx.js MODEL.onnx CASES.json. Each case has input_ids
// (rows of token ids), or image (flat float32 values) with image_dims ([batch, 1, 28, 28]),
// or feeds (the AML graph model's inputs: each {name, type "float32" | "int64", dims, data
// flat}), the logits Seekbench's own module gave (flat, with their dims; with "sigmoid":
// true, probabilities compared with the sigmoid of the outputs) and a tolerance relative to
// the largest |logit|. Prints one JSON line per case; exit 0 when
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
    let feeds, batch, length;
    if (c.feeds) { // named inputs of any type (the AML graph model)
      feeds = {};
      for (const f of c.feeds) {
        const data = f.type === 'int64' ? BigInt64Array.from(f.data.map(BigInt)) : Float32Array.from(f.data);
        feeds[f.name] = new ort.Tensor(f.type, data, f.dims);
      }
      batch = c.dims[0];
      length = 0;
    } else if (c.image) { // the cross-modal model: float32 images, flat, with their dims
      batch = c.image_dims[0];
      length = 0;
      feeds = { image: new ort.Tensor('float32', Float32Array.from(c.image), c.image_dims) };
    } else {
      batch = c.input_ids.length;
      length = c.input_ids[0].length;
      const ids = BigInt64Array.from(c.input_ids.flat().map(BigInt));
      feeds = { input_ids: new ort.Tensor('int64', ids, [batch, length]) };
    }
    const out = await session.run(feeds);
    const logits = out.logits;
    const sameDims = JSON.stringify(logits.dims.map(Number)) === JSON.stringify(c.dims);
    let maxDiff = Infinity, scale = 0;
    if (sameDims) {
      maxDiff = 0;
      for (let i = 0; i < c.logits.length; ++i) {
        const got = c.sigmoid ? 1 / (1 + Math.exp(-logits.data[i])) : logits.data[i];
        maxDiff = Math.max(maxDiff, Math.abs(got - c.logits[i]));
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
