#!/usr/bin/python3
"""The receiving side of an ONNX export (issue 23): Debian's python3-onnx, nothing of
Seekbench. Loads MODEL.onnx, runs onnx.checker.check_model with full_check (strict shape
inference as well), and prints one JSON line with the opset and the inputs' and outputs'
dims (a dim_param's name for a dynamic axis), and how many initializers live in an
external data file (model.onnx.data, read from the model's folder). Exit 0 when the checker
accepts it, by path too (the form that reads external data and models over 2 GiB)."""
import json
import sys

import onnx

model = onnx.load(sys.argv[1])  # external data loaded from the model's folder
onnx.checker.check_model(model, full_check=True)
onnx.checker.check_model(sys.argv[1], full_check=True)
external = sum(1 for t in onnx.load(sys.argv[1], load_external_data=False).graph.initializer
               if t.data_location == onnx.TensorProto.EXTERNAL)


def dims(value):
    return [d.dim_param or d.dim_value for d in value.type.tensor_type.shape.dim]


print(json.dumps({
    "opset": max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx")),
    "inputs": {v.name: dims(v) for v in model.graph.input},
    "outputs": {v.name: dims(v) for v in model.graph.output},
    "external_tensors": external,
}))
