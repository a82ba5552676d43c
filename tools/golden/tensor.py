"""Conformance cases of the tensor family: shape ops, joins and splits, slicing, padding, pointwise
math and reductions, on f32 and (where PyTorch allows) i64 inputs.

tnet argument conventions checked here (see the ops' doc comments):
- flatten uses torch.flatten's defaults (start_dim=0); nn.Flatten is flatten(start_dim=1).
- squeeze takes a tuple of dims (PyTorch 2.0); with 1.13 the reference squeezes them one by one.
- binary ops take a second tensor or a number in `other` (`exponent` for pow); rsub/rdiv/rpow swap
  the operands.
- var/std use PyTorch 2.x's `correction` (1 = unbiased, the default).
"""
import torch
import torch.nn.functional as F



def build(fam):
    reshapes(fam)
    dim_edits(fam)
    permutes(fam)
    expands(fam)
    joins(fam)
    splits(fam)
    slices(fam)
    pads(fam)
    unary(fam)
    clamps(fam)
    binary(fam)
    reductions(fam)
    variances(fam)
    extremes(fam)
    unflattens(fam)
    # Regression (found by the fuzzer): a float32 product overflows before a zero, giving NaN, as in PyTorch.
    fam.case("prod/float32_overflow_before_zero", "prod", {"dim": 1}, [torch.tensor([[1e30, 1e30, 0.0, 5.0], [2.0, 3.0, 4.0, 0.5]])],
             lambda x: torch.prod(x, dim=1), compute_dtype=torch.float32)
    # PyTorch's float32 kernel truncates the float32 quotient: 75 / 0.1f is 750 in float32, 749.99998 in float64.
    fam.case("div/trunc_float32_quotient", "div", {"rounding_mode": "trunc"},
             [torch.tensor([75.0, -75.0, 7.0, 1e-3], dtype=torch.float32), torch.tensor([0.1, 0.1, 0.7, 1e-4], dtype=torch.float32)],
             lambda a, b: torch.div(a, b, rounding_mode="trunc"), compute_dtype=torch.float32)
    # Regressions (found by the fuzzer): PyTorch rounds a Python scalar to float32 before dividing a float32
    # tensor, so 7.5 // 0.3 is 24 (0.3f is slightly above 0.3), not 25; and round(decimals) scales in float32.
    scalar_divs = torch.tensor([7.5, -7.5, 3.0, 1.0000001, 0.9, -0.9], dtype=torch.float32)
    for mode in ["trunc", "floor"]:
        for other in [0.30000000000000004, 0.1]:
            fam.case(f"div/{mode}_by_float32_scalar_{str(other)[:5].replace('.', '_')}", "div",
                     {"other": other, "rounding_mode": mode}, [scalar_divs],
                     lambda a, o=other, m=mode: torch.div(a, o, rounding_mode=m), compute_dtype=torch.float32)
    fam.case("round/decimals_in_float32", "round", {"decimals": 1},
             [torch.tensor([-864.949951171875, 0.25, 1.05, 2.675, -0.35], dtype=torch.float32)],
             lambda t: torch.round(t, decimals=1), compute_dtype=torch.float32)
    fam.case("round/neg_decimals_in_float32", "round", {"decimals": -1},
             [torch.tensor([25.0, 35.0, -45.0, 1234.5], dtype=torch.float32)],
             lambda t: torch.round(t, decimals=-1), compute_dtype=torch.float32)


def randn(*shape, scale=1.0):
    """Like golden.randn, but also for 0-d shapes."""
    return torch.randn(shape, dtype=torch.float32) * scale


def rand(*shape, low=0.0, high=1.0):
    return torch.rand(shape, dtype=torch.float32) * (high - low) + low


def ints(*shape, low=-5, high=6):
    return torch.randint(low, high, shape, dtype=torch.int64)


def specials():
    """Values that test IEEE edge cases: NaN, both infinities, both zeros, tiny and huge numbers."""
    return torch.tensor([float("nan"), float("inf"), float("-inf"), 0.0, -0.0, 1e-30, -1e30, 2.5, -2.5, 0.5],
                        dtype=torch.float32)


def f32(*shape):
    return ("f32", list(shape))


def i64(*shape):
    return ("i64", list(shape))


# ---------------------------------------------------------------- reshape, view, flatten


def reshapes(fam):
    for op, arg in (("reshape", "shape"), ("view", "size")):
        for name, shape, target in [("basic", (2, 3, 4), (4, 6)), ("infer_first", (2, 3, 4), (-1, 4)),
                                    ("infer_middle", (2, 3, 4), (2, -1, 2)), ("to_0d", (1, 1), ()),
                                    ("from_0d", (), (1, 1, 1)), ("from_0d_infer", (), (-1,)),
                                    ("empty", (0, 3), (3, 0)), ("empty_infer", (0, 3), (-1, 3)),
                                    ("size1_dims", (1, 6, 1), (3, 1, 2))]:
            fam.case(f"{op}/{name}", op, {arg: list(target)}, [randn(*shape)],
                     lambda x, t=target: x.reshape(t))
        fam.case(f"{op}/i64", op, {arg: [3, -1]}, [ints(2, 3, 2)], lambda x: x.reshape(3, -1))
        fam.error(f"{op}/size_mismatch", op, {arg: [4, 5]}, [f32(2, 3, 4)], "24 elements cannot take shape (4, 5)")
        fam.error(f"{op}/not_divisible", op, {arg: [5, -1]}, [f32(2, 3, 4)], "24 is not divisible by 5")
        fam.error(f"{op}/two_minus_one", op, {arg: [-1, -1]}, [f32(2, 3)], "only one dimension can be inferred")
    fam.error("reshape/ambiguous_zero", "reshape", {"shape": [0, -1]}, [f32(0, 3)],
              "the -1 next to a 0 could be anything")
    fam.error("reshape/negative_size", "reshape", {"shape": [-2, 3]}, [f32(6)], "invalid shape dimension -2")

    for name, shape, args in [("default", (2, 3, 4), {}), ("start_1_as_nn_Flatten", (2, 3, 4), {"start_dim": 1}),
                              ("middle", (2, 3, 4, 5), {"start_dim": 1, "end_dim": 2}),
                              ("negative_dims", (2, 3, 4, 5), {"start_dim": -3, "end_dim": -2}),
                              ("single_dim", (2, 3, 4), {"start_dim": 1, "end_dim": 1}),
                              ("0d", (), {}), ("1d", (5,), {}), ("with_zero", (2, 0, 3), {"start_dim": 1})]:
        fam.case(f"flatten/{name}", "flatten", args, [randn(*shape)], lambda x, a=args: torch.flatten(x, **a))
    fam.case("flatten/i64", "flatten", {"start_dim": 1}, [ints(2, 2, 3)], lambda x: torch.flatten(x, 1))
    fam.error("flatten/start_after_end", "flatten", {"start_dim": 2, "end_dim": 1}, [f32(2, 3, 4)],
              "start_dim cannot come after end_dim")
    fam.error("flatten/dim_out_of_range", "flatten", {"start_dim": 3}, [f32(2, 3, 4)], "dim 3 of a rank-3 tensor")


# ---------------------------------------------------------------- squeeze, unsqueeze


def squeeze_all(x, dims):
    """PyTorch 1.13 has no tuple squeeze: squeeze the named dims one by one, highest first."""
    for d in sorted((d % max(x.dim(), 1) for d in dims), reverse=True):
        x = x.squeeze(d)
    return x


def dim_edits(fam):
    for name, shape, dim in [("all", (1, 3, 1, 2, 1), None), ("dim", (1, 3, 1, 2), 2), ("negative_dim", (2, 1), -1),
                             ("non_1_dim_is_noop", (2, 3), 0), ("nothing_to_squeeze", (2, 3), None),
                             ("0d", (), None), ("0d_dim", (), 0), ("all_ones", (1, 1, 1), None),
                             ("empty_keeps_0", (1, 0, 1), None)]:
        args = {} if dim is None else {"dim": dim}
        fam.case(f"squeeze/{name}", "squeeze", args, [randn(*shape)],
                 lambda x, d=dim: x.squeeze() if d is None else x.squeeze(d))
    fam.case("squeeze/tuple", "squeeze", {"dim": [0, -1, 2]}, [randn(1, 3, 1, 1)],
             lambda x: squeeze_all(x, [0, -1, 2]))
    fam.case("squeeze/tuple_with_non_1", "squeeze", {"dim": [0, 1]}, [randn(1, 3, 1)], lambda x: squeeze_all(x, [0, 1]))
    fam.case("squeeze/i64", "squeeze", {}, [ints(1, 4, 1)], lambda x: x.squeeze())
    fam.error("squeeze/dim_out_of_range", "squeeze", {"dim": 3}, [f32(1, 2, 1)], "dim 3 of a rank-3 tensor")
    fam.error("squeeze/repeated_dim", "squeeze", {"dim": [0, -3]}, [f32(1, 2, 1)], "dim 0 appears twice")

    for name, shape, dim in [("front", (2, 3), 0), ("back", (2, 3), 2), ("negative_back", (2, 3), -1),
                             ("negative_front", (2, 3), -3), ("middle", (2, 3), 1), ("0d", (), 0), ("0d_neg", (), -1)]:
        fam.case(f"unsqueeze/{name}", "unsqueeze", {"dim": dim}, [randn(*shape)], lambda x, d=dim: x.unsqueeze(d))
    fam.case("unsqueeze/i64", "unsqueeze", {"dim": 1}, [ints(3)], lambda x: x.unsqueeze(1))
    fam.error("unsqueeze/dim_out_of_range", "unsqueeze", {"dim": 3}, [f32(2, 3)], "dim must be in [-3, 2]")
    fam.error("unsqueeze/dim_too_negative", "unsqueeze", {"dim": -4}, [f32(2, 3)], "dim must be in [-3, 2]")


# ---------------------------------------------------------------- permute, transpose


def permutes(fam):
    for name, shape, dims in [("3d", (2, 3, 4), [2, 0, 1]), ("4d_nchw_to_nhwc", (2, 3, 4, 5), [0, 2, 3, 1]),
                              ("negative", (2, 3, 4), [-1, -3, -2]), ("identity", (2, 3), [0, 1]),
                              ("1d", (5,), [0]), ("0d", (), []), ("size1_dims", (1, 3, 1), [2, 1, 0]),
                              ("5d", (2, 1, 3, 2, 2), [4, 2, 0, 3, 1]), ("empty", (2, 0, 3), [2, 1, 0])]:
        fam.case(f"permute/{name}", "permute", {"dims": dims}, [randn(*shape)], lambda x, d=dims: x.permute(d))
    fam.case("permute/i64", "permute", {"dims": [1, 0]}, [ints(2, 3)], lambda x: x.permute(1, 0))
    fam.error("permute/not_a_permutation", "permute", {"dims": [0, 0, 1]}, [f32(2, 3, 4)], "dim 0 repeats")
    fam.error("permute/wrong_length", "permute", {"dims": [1, 0]}, [f32(2, 3, 4)], "2 dims for a rank-3 tensor")
    fam.error("permute/out_of_range", "permute", {"dims": [0, 3, 1]}, [f32(2, 3, 4)], "dim 3 of a rank-3 tensor")

    for name, shape, d0, d1 in [("2d", (2, 3), 0, 1), ("3d_outer", (2, 3, 4), 0, 2), ("negative", (2, 3, 4), -1, -2),
                                ("same_dim", (2, 3), 1, 1), ("1d", (4,), 0, -1), ("0d", (), 0, -1),
                                ("4d_mixed", (2, 3, 4, 5), 1, -1)]:
        fam.case(f"transpose/{name}", "transpose", {"dim0": d0, "dim1": d1}, [randn(*shape)],
                 lambda x, a=d0, b=d1: x.transpose(a, b))
    fam.case("transpose/i64", "transpose", {"dim0": 0, "dim1": 1}, [ints(2, 3)], lambda x: x.transpose(0, 1))
    fam.error("transpose/out_of_range", "transpose", {"dim0": 0, "dim1": 2}, [f32(2, 3)], "dim 2 of a rank-2 tensor")


# ---------------------------------------------------------------- expand


def expands(fam):
    for name, shape, sizes in [("last", (3, 1), [3, 4]), ("keep_with_minus_one", (3, 1), [-1, 4]),
                               ("new_leading", (3, 1), [2, 3, 4]), ("new_leading_keep", (1, 3), [2, 2, -1, 3]),
                               ("to_zero", (3, 1), [3, 0]), ("0d", (), [2, 3]), ("0d_to_0d", (), []),
                               ("size1_to_1", (1, 1), [1, 1]), ("middle", (2, 1, 3), [2, 4, 3])]:
        fam.case(f"expand/{name}", "expand", {"size": sizes}, [randn(*shape)], lambda x, s=sizes: x.expand(s))
    fam.case("expand/i64", "expand", {"size": [2, 3]}, [ints(1, 3)], lambda x: x.expand(2, 3))
    fam.error("expand/non_1_dim", "expand", {"size": [4, 1]}, [f32(3, 1)], "size 3 cannot expand to 4")
    fam.error("expand/minus_one_in_new_dim", "expand", {"size": [-1, 3, 1]}, [f32(3, 1)],
              "-1 is not allowed in a new leading dim")
    fam.error("expand/too_few_sizes", "expand", {"size": [3]}, [f32(3, 1)], "fewer sizes than dims")
    fam.error("expand/negative_size", "expand", {"size": [3, -2]}, [f32(3, 1)], "size -2")


# ---------------------------------------------------------------- cat, stack


def joins(fam):
    cat = lambda dim: lambda *xs: torch.cat(xs, dim)  # noqa: E731
    for name, shapes, dim in [("dim0", [(2, 3), (4, 3)], 0), ("dim1", [(2, 3), (2, 1)], 1),
                              ("negative_dim", [(2, 3, 2), (2, 3, 1), (2, 3, 3)], -1),
                              ("three_inputs_middle", [(2, 1, 3), (2, 4, 3), (2, 2, 3)], 1),
                              ("single_input", [(3, 2)], 1), ("zero_size_part", [(2, 0), (2, 3), (2, 0)], 1),
                              ("all_empty", [(0, 3), (0, 3)], 0), ("1d", [(3,), (2,)], 0),
                              ("legacy_empty_1d_skipped", [(2, 3), (0,), (2, 2)], 1),
                              ("only_legacy_empty", [(0,), (0,)], 0), ("only_legacy_empty_any_dim", [(0,), (0,)], 3)]:
        fam.case(f"cat/{name}", "cat", {"dim": dim}, [randn(*s) for s in shapes], cat(dim))
    fam.case("cat/i64", "cat", {"dim": 0}, [ints(1, 3), ints(2, 3)], cat(0))
    fam.case("cat/mixed_dtypes_promote", "cat", {"dim": 1}, [ints(2, 2), randn(2, 1)],
             lambda a, b: torch.cat([a.float(), b.float()], 1), why="i64 and f32 join as f32")
    fam.case("cat/legacy_empty_still_promotes", "cat", {"dim": 0}, [randn(0), ints(2, 2)], cat(0))
    fam.error("cat/mismatched_dim", "cat", {"dim": 0}, [f32(2, 3), f32(2, 4)], "input 1 has 4 in dim 1, input 0 has 3")
    fam.error("cat/rank_mismatch", "cat", {"dim": 0}, [f32(2, 3), f32(2, 3, 1)], "ranks 2 and 3")
    fam.error("cat/0d", "cat", {"dim": 0}, [f32(), f32()], "0-d tensors cannot be concatenated")
    fam.error("cat/dim_out_of_range", "cat", {"dim": 2}, [f32(2, 3), f32(2, 3)], "dim 2 of a rank-2 tensor")
    fam.error("cat/no_inputs", "cat", {"dim": 0}, [], "needs at least one tensor")

    stack = lambda dim: lambda *xs: torch.stack(xs, dim)  # noqa: E731
    for name, shape, n, dim in [("dim0", (2, 3), 2, 0), ("last", (2, 3), 3, 2), ("negative", (2, 3), 2, -1),
                                ("middle", (2, 3), 4, 1), ("negative_front", (2, 3), 2, -3), ("0d", (), 3, 0),
                                ("single", (2, 2), 1, 0), ("empty", (0, 2), 2, 1)]:
        fam.case(f"stack/{name}", "stack", {"dim": dim}, [randn(*shape) for _ in range(n)], stack(dim))
    fam.case("stack/i64", "stack", {"dim": 1}, [ints(3), ints(3)], stack(1))
    fam.case("stack/mixed_dtypes_promote", "stack", {"dim": 0}, [randn(3), ints(3)],
             lambda a, b: torch.stack([a.float(), b.float()]), why="i64 and f32 stack as f32")
    fam.error("stack/shape_mismatch", "stack", {"dim": 0}, [f32(2), f32(3)], "shapes [2] and [3] differ")
    fam.error("stack/dim_out_of_range", "stack", {"dim": 3}, [f32(2, 3), f32(2, 3)], "dim must be in [-3, 2]")


# ---------------------------------------------------------------- split, chunk


def splits(fam):
    for name, shape, arg, dim in [("even", (6, 2), 2, 0), ("last_smaller", (7, 2), 3, 0), ("size_too_big", (3, 2), 5, 0),
                                  ("size_1", (2, 3), 1, 1), ("negative_dim", (2, 5), 2, -1),
                                  ("sections", (2, 6), [1, 3, 2], 1), ("sections_with_zero", (5, 2), [2, 0, 3], 0),
                                  ("one_section", (4,), [4], 0), ("empty_dim", (0, 3), 2, 0),
                                  ("empty_dim_size_0", (0, 3), 0, 0)]:
        fam.case(f"split/{name}", "split", {"split_size_or_sections": arg, "dim": dim}, [randn(*shape)],
                 lambda x, a=arg, d=dim: torch.split(x, a, d))
    fam.case("split/i64", "split", {"split_size_or_sections": [1, 2]}, [ints(3, 2)], lambda x: torch.split(x, [1, 2]))
    fam.error("split/sections_not_summing", "split", {"split_size_or_sections": [2, 2]}, [f32(5)], "2 + 2 != 5")
    fam.error("split/negative_section", "split", {"split_size_or_sections": [2, -1, 4]}, [f32(5)], "negative section")
    fam.error("split/size_0_on_nonempty", "split", {"split_size_or_sections": 0}, [f32(3)], "size 0 only for an empty dim")
    fam.error("split/negative_size", "split", {"split_size_or_sections": -1}, [f32(3)], "negative split size")
    fam.error("split/0d", "split", {"split_size_or_sections": 1}, [f32()], "needs at least a 1-d tensor")
    fam.error("split/dim_out_of_range", "split", {"split_size_or_sections": 1, "dim": 2}, [f32(2, 2)], "dim 2 of rank 2")

    for name, shape, chunks, dim in [("even", (6, 2), 3, 0), ("uneven", (7,), 3, 0), ("fewer_than_asked_5_in_4", (5,), 4, 0),
                                     ("fewer_than_asked_6_in_4", (6, 1), 4, 0), ("more_than_size", (2, 3), 5, 1),
                                     ("one", (3, 2), 1, 0), ("negative_dim", (2, 5), 2, -1),
                                     ("empty_dim", (0, 2), 3, 0)]:
        fam.case(f"chunk/{name}", "chunk", {"chunks": chunks, "dim": dim}, [randn(*shape)],
                 lambda x, c=chunks, d=dim: torch.chunk(x, c, d))
    fam.case("chunk/i64", "chunk", {"chunks": 2, "dim": 1}, [ints(2, 4)], lambda x: torch.chunk(x, 2, 1))
    fam.error("chunk/zero_chunks", "chunk", {"chunks": 0}, [f32(5)], "chunks must be positive")
    fam.error("chunk/0d", "chunk", {"chunks": 2}, [f32()], "needs at least a 1-d tensor")


# ---------------------------------------------------------------- slice


def slices(fam):
    for name, shape, dim, start, end, step in [
            ("basic", (6, 3), 0, 1, 4, 1), ("start_only", (6, 3), 0, 2, None, 1), ("end_only", (6, 3), 1, None, 2, 1),
            ("all", (4, 3), 1, None, None, 1), ("step_2", (7, 2), 0, None, None, 2), ("step_3_offset", (2, 8), 1, 1, 7, 3),
            ("negative_start", (6,), 0, -2, None, 1), ("negative_end", (6, 2), 0, 1, -1, 1),
            ("negative_both_step", (2, 9), -1, -7, -1, 2), ("start_past_end_empty", (2, 5), 1, 4, 1, 1),
            ("start_out_of_range_empty", (2, 5), 1, 9, None, 1), ("end_out_of_range_clamps", (5, 2), 0, 2, 100, 1),
            ("very_negative_start_clamps", (5, 2), 0, -100, 3, 1), ("huge_step", (5, 2), 0, 1, None, 1000),
            ("huge_end", (3, 2), 0, 0, 2 ** 62, 1), ("size1_dim", (1, 4), 0, 0, 1, 1), ("empty_input", (0, 3), 0, 1, 3, 1),
            ("3d_middle_dim", (2, 5, 3), 1, 1, 5, 2)]:
        args = {"dim": dim, "start": start, "end": end, "step": step}
        idx = lambda x, d=dim, s=start, e=end, st=step: x[(slice(None),) * (d % x.dim()) + (slice(s, e, st),)]  # noqa: E731
        fam.case(f"slice/{name}", "slice", args, [randn(*shape)], idx)
    fam.case("slice/defaults", "slice", {}, [randn(3, 2)], lambda x: x[:])
    fam.case("slice/i64", "slice", {"dim": 1, "start": 1, "step": 2}, [ints(2, 5)], lambda x: x[:, 1::2])
    fam.error("slice/step_0", "slice", {"step": 0}, [f32(5)], "slice step cannot be zero")
    fam.error("slice/negative_step", "slice", {"step": -1}, [f32(5)], "step must be positive")
    fam.error("slice/0d", "slice", {"start": 0}, [f32()], "a 0-d tensor has no dim to slice")
    fam.error("slice/dim_out_of_range", "slice", {"dim": 2}, [f32(2, 3)], "dim 2 of a rank-2 tensor")


# ---------------------------------------------------------------- pad


def pads(fam):
    def case(name, shape, pad, mode="constant", value=None, x=None):
        args = {"pad": pad, "mode": mode}
        kw = {}
        if value is not None:
            args["value"] = value
            kw["value"] = value
        x = randn(*shape) if x is None else x
        fam.case(f"pad/{name}", "pad", args, [x], lambda t: F.pad(t, pad, mode=mode, **kw))

    case("constant_last_dim", (2, 3), [1, 2])
    case("constant_two_dims_asymmetric", (2, 3, 4), [0, 1, 2, 3])
    case("constant_all_dims", (2, 3, 2), [1, 0, 0, 2, 1, 1])
    case("constant_value", (2, 3), [2, 1], value=-1.5)
    case("constant_1d", (4,), [3, 0], value=2.0)
    case("constant_negative_crops", (2, 5), [-1, -2])
    case("constant_negative_and_positive", (3, 4), [2, -1, -1, 1], value=7.0)
    case("constant_crop_to_empty", (2, 3), [-1, -2])
    case("constant_empty_input", (0, 2), [1, 1])
    case("constant_0_pairs", (2, 2), [])
    case("reflect_2d_no_batch", (3, 5), [2, 1], mode="reflect")
    case("reflect_3d", (2, 3, 5), [4, 3], mode="reflect")
    case("reflect_3d_two_dims", (2, 3, 4), [1, 2, 2, 1], mode="reflect")
    case("reflect_4d", (1, 2, 4, 5), [1, 3, 2, 3], mode="reflect")
    case("reflect_5d", (1, 2, 3, 3, 4), [1, 2, 2, 1, 0, 2], mode="reflect")
    case("reflect_negative", (1, 2, 6), [-2, 3], mode="reflect")
    case("reflect_negative_reads_cropped", (1, 2, 5), [4, -1], mode="reflect")
    case("replicate_3d", (2, 2, 4), [3, 1], mode="replicate")
    case("replicate_2d_no_batch", (2, 3), [0, 2], mode="replicate")
    case("replicate_4d", (1, 2, 3, 3), [2, 0, 1, 4], mode="replicate")
    case("replicate_5d", (1, 1, 2, 3, 2), [1, 1, 2, 0, 1, 3], mode="replicate")
    case("replicate_size1_dim", (1, 2, 1), [2, 3], mode="replicate")
    case("replicate_negative", (1, 2, 5), [-2, 1, 1, -1], mode="replicate")
    case("circular_3d", (2, 3, 5), [2, 3], mode="circular")
    case("circular_full_size", (1, 2, 4), [4, 4], mode="circular")
    case("circular_4d", (1, 2, 3, 4), [1, 2, 3, 0], mode="circular")
    case("circular_5d", (1, 1, 2, 3, 4), [1, 1, 0, 2, 1, 0], mode="circular")
    case("circular_negative_wraps_cropped", (1, 2, 5), [-2, 3], mode="circular")
    case("circular_positive_then_crop", (1, 2, 5), [3, -2], mode="circular")
    case("constant_i64", (2, 3), [1, 1], value=3, x=ints(2, 3))
    case("constant_i64_float_value_truncates", (2, 3), [1, 0], value=-3.75, x=ints(2, 3))
    case("circular_i64", (1, 2, 3), [1, 2], mode="circular", x=ints(1, 2, 3))
    fam.case("pad/circular_no_batch", "pad", {"pad": [1, 2, 2, 0], "mode": "circular"}, [randn(2, 3, 4)],
             lambda t: F.pad(t.unsqueeze(0), [1, 2, 2, 0], mode="circular").squeeze(0),
             why="PyTorch 2.x pads a no-batch input circularly; 1.13 needs the batch dim added")
    for mode in ("reflect", "replicate"):
        fam.case(f"pad/{mode}_i64", "pad", {"pad": [1, 2], "mode": mode}, [ints(1, 2, 4)],
                 lambda t, m=mode: F.pad(t.double(), [1, 2], mode=m).long(),
                 why="PyTorch 1.13 has no integer reflect/replicate kernel; tnet pads i64 the same way")
    fam.error("pad/reflect_pad_equals_size", "pad", {"pad": [3, 0], "mode": "reflect"}, [f32(1, 2, 3)],
              "reflect needs pad < size")
    fam.error("pad/reflect_right_too_big", "pad", {"pad": [-1, 4], "mode": "reflect"}, [f32(1, 2, 4)],
              "reflect needs pad < size, even when the other side crops")
    fam.error("pad/odd_length", "pad", {"pad": [1, 2, 3]}, [f32(2, 3)], "padding length must be divisible by 2")
    fam.error("pad/too_long", "pad", {"pad": [1, 1, 1, 1, 1, 1]}, [f32(2, 3)], "padding length too large")
    fam.error("pad/negative_result", "pad", {"pad": [-2, -2]}, [f32(2, 3)], "the cropped dim would be negative")
    fam.error("pad/reflect_with_value", "pad", {"pad": [1, 1], "mode": "reflect", "value": 2.0}, [f32(1, 2, 3)],
              "reflect doesn't take a value")
    fam.error("pad/reflect_1d_input", "pad", {"pad": [1, 1], "mode": "reflect"}, [f32(5)],
              "only 2D to 5D inputs pad with non-constant modes")
    fam.error("pad/replicate_too_many_leading_dims", "pad", {"pad": [1, 1], "mode": "replicate"}, [f32(1, 2, 3, 4)],
              "one padded dim needs a 2-d or 3-d input")
    fam.error("pad/replicate_empty_result", "pad", {"pad": [-2, -1], "mode": "replicate"}, [f32(1, 2, 3)],
              "replicate refuses an empty output")
    fam.error("pad/replicate_empty_channel", "pad", {"pad": [1, 1], "mode": "replicate"}, [f32(1, 0, 3)],
              "non-batch dims must be non-empty")
    fam.error("pad/circular_wraps_twice", "pad", {"pad": [6, 0], "mode": "circular"}, [f32(1, 2, 5)],
              "wrapping around more than once")
    fam.error("pad/circular_wraps_cropped", "pad", {"pad": [-2, 4], "mode": "circular"}, [f32(1, 2, 5)],
              "4 exceeds the cropped size 3")
    fam.error("pad/unknown_mode", "pad", {"pad": [1, 1], "mode": "wrap"}, [f32(1, 2, 3)], "no mode 'wrap'")


# ---------------------------------------------------------------- unary, round, clamp


UNARY = ["sqrt", "rsqrt", "exp", "log", "erf", "sin", "cos", "reciprocal", "abs", "neg", "sign", "square",
         "floor", "ceil"]
KEEPS_INT = {"abs", "neg", "sign", "square", "floor", "ceil"}


def unary(fam):
    for op in UNARY:
        fn = getattr(torch, op)
        domain = rand(3, 4, low=0.1, high=4.0) if op in ("sqrt", "rsqrt", "log") else randn(3, 4, scale=2.0)
        fam.case(f"{op}/basic", op, {}, [domain], fn)
        fam.case(f"{op}/specials", op, {}, [specials()], fn)
        fam.case(f"{op}/0d", op, {}, [randn()], fn)
        fam.case(f"{op}/i64", op, {}, [ints(2, 3)], fn)
    fam.case("exp/large_range", "exp", {}, [randn(50, scale=30.0)], torch.exp)
    fam.case("erf/wide_range", "erf", {}, [torch.linspace(-7, 7, 141)], torch.erf)
    fam.case("sqrt/negative_is_nan", "sqrt", {}, [torch.tensor([-1.0, -0.0, 4.0])], torch.sqrt)
    fam.case("log/negative_is_nan", "log", {}, [torch.tensor([-1.0, 0.0, 1.0])], torch.log)
    fam.case("floor/halves", "floor", {}, [torch.arange(-3, 3.5, 0.5)], torch.floor)
    fam.case("ceil/halves", "ceil", {}, [torch.arange(-3, 3.5, 0.5)], torch.ceil)
    fam.case("reciprocal/i64_zero_is_inf", "reciprocal", {}, [torch.tensor([0, 2, -4])], torch.reciprocal)

    halves = torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, -0.4, 0.6], dtype=torch.float32)
    for name, x, d in [("half_to_even", halves, 0), ("basic", randn(3, 4, scale=5.0), 0),
                       ("decimals_2", randn(3, 4, scale=5.0), 2), ("decimals_neg_1", randn(3, 4, scale=300.0), -1),
                       ("decimals_neg_2_halves", torch.tensor([1250.0, 1350.0, -50.0, 149.0]), -2),
                       ("specials", specials(), 0), ("specials_decimals", specials(), 3), ("0d", randn(), 1)]:
        args = {} if d == 0 else {"decimals": d}
        fam.case(f"round/{name}", "round", args, [x], lambda t, dd=d: torch.round(t, decimals=dd))
    fam.error("round/i64", "round", {}, [i64(3)], "PyTorch 1.13 has no integer round")


def clamps(fam):
    x = randn(4, 5, scale=2.0)
    for name, args in [("min_only", {"min": -0.5}), ("max_only", {"max": 0.25}), ("both", {"min": -1.0, "max": 1.0}),
                       ("min_above_max_gives_max", {"min": 1.0, "max": -1.0}), ("int_bounds", {"min": -1, "max": 2}),
                       ("equal_bounds", {"min": 0.5, "max": 0.5})]:
        fam.case(f"clamp/{name}", "clamp", args, [x], lambda t, a=args: torch.clamp(t, **a))
    fam.case("clamp/specials", "clamp", {"min": -1.0, "max": 1.0}, [specials()], lambda t: torch.clamp(t, -1.0, 1.0))
    fam.case("clamp/negative_zero", "clamp", {"min": 0.0}, [torch.tensor([-0.0, 0.0, -1.0])],
             lambda t: torch.clamp(t, min=0.0))
    fam.case("clamp/i64", "clamp", {"min": -2, "max": 3}, [ints(3, 4)], lambda t: torch.clamp(t, -2, 3))
    fam.case("clamp/i64_max_only", "clamp", {"max": 0}, [ints(5)], lambda t: torch.clamp(t, max=0))
    fam.case("clamp/i64_float_bound_promotes", "clamp", {"min": 0.5}, [ints(5)], lambda t: torch.clamp(t, min=0.5))
    fam.case("clamp/0d", "clamp", {"min": 0.0}, [randn()], lambda t: torch.clamp(t, min=0.0))
    fam.error("clamp/no_bounds", "clamp", {}, [f32(3)], "at least one of min and max")


# ---------------------------------------------------------------- binary pointwise


BROADCASTS = [("same_shape", (3, 4), (3, 4)), ("row", (3, 4), (4,)), ("column", (3, 4), (3, 1)),
              ("outer", (3, 1), (1, 4)), ("rank_3_vs_2", (2, 1, 4), (3, 1)), ("rank_1_vs_3", (4,), (2, 3, 1)),
              ("0d_left", (), (2, 3)), ("0d_right", (2, 3), ()), ("0d_both", (), ()),
              ("size1_vs_empty", (1, 3), (0, 3)), ("4d", (2, 1, 3, 1), (1, 4, 1, 2)), ("rank_4_vs_1", (2, 3, 1, 4), (4,)),
              ("1d_size1_vs_1d", (1,), (5,)), ("0d_vs_3d", (), (2, 1, 3))]


def binary(fam):
    torch_fn = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "pow": torch.pow,
                "maximum": torch.maximum, "minimum": torch.minimum}
    for op, fn in torch_fn.items():
        for name, sa, sb in BROADCASTS:
            a = rand(*sa, low=0.5, high=2.0) if op == "pow" else randn(*sa)
            b = randn(*sb) if op != "div" else rand(*sb, low=0.5, high=2.0) * torch.where(torch.rand(sb) < 0.5, -1.0, 1.0)
            fam.case(f"{op}/{name}", op, {}, [a, b], fn)
        fam.case(f"{op}/i64", op, {}, [ints(2, 3), ints(3, low=1, high=4)], fn)
        fam.case(f"{op}/i64_with_f32", op, {}, [ints(2, 3, low=1, high=5), rand(2, 3, low=0.5, high=2.0)], fn)
        fam.case(f"{op}/specials", op, {}, [specials(), specials().flip(0)], fn)
        scalar_arg = "exponent" if op == "pow" else "other"
        for label, s in [("float", 1.5), ("int", 2)]:
            x = rand(2, 3, low=0.5, high=2.0) if op == "pow" else randn(2, 3)
            fam.case(f"{op}/scalar_{label}", op, {scalar_arg: s}, [x], lambda t, v=s, f=fn: f(t, torch.tensor(v)))
        fam.case(f"{op}/i64_scalar_int", op, {scalar_arg: 3}, [ints(2, 3)], lambda t, f=fn: f(t, torch.tensor(3)))
        fam.case(f"{op}/i64_scalar_float", op, {scalar_arg: 0.5}, [ints(2, 3, low=1, high=5)],
                 lambda t, f=fn: f(t, torch.tensor(0.5)))
        fam.error(f"{op}/broadcast_mismatch", op, {}, [f32(2, 3), f32(4)], "sizes 3 and 4 do not broadcast")
        fam.error(f"{op}/broadcast_mismatch_middle", op, {}, [f32(2, 3, 4), f32(2, 2, 4)], "sizes 3 and 2")
        fam.error(f"{op}/scalar_and_second_tensor", op, {scalar_arg: 2.0}, [f32(3), f32(3)],
                  "a number operand leaves room for one tensor only")
        fam.error(f"{op}/one_tensor_no_scalar", op, {}, [f32(3)], "needs a second operand")

    for name, args, ins, fn in [
            ("add/alpha_float", {"alpha": 0.5}, [randn(3, 4), randn(4)], lambda a, b: torch.add(a, b, alpha=0.5)),
            ("add/alpha_int", {"alpha": -2}, [randn(3), randn(3)], lambda a, b: torch.add(a, b, alpha=-2)),
            ("add/alpha_with_scalar", {"other": 2.0, "alpha": 3}, [randn(3)], lambda a: torch.add(a, 2.0, alpha=3)),
            ("add/i64_alpha_int", {"alpha": 3}, [ints(3), ints(3)], lambda a, b: torch.add(a, b, alpha=3)),
            ("add/mixed_alpha_float", {"alpha": 2.5}, [randn(3), ints(3)], lambda a, b: torch.add(a, b, alpha=2.5)),
            ("sub/alpha", {"alpha": 1.5}, [randn(2, 3), randn(2, 1)], lambda a, b: torch.sub(a, b, alpha=1.5)),
            ("sub/i64_alpha", {"alpha": 2}, [ints(4), ints(4)], lambda a, b: torch.sub(a, b, alpha=2)),
            ("sub/negative_zero", {}, [torch.tensor([-0.0, 0.0]), torch.tensor([0.0, 0.0])], torch.sub),
            ("rsub/tensors", {}, [randn(2, 3), randn(3)], torch.rsub),
            ("rsub/tensors_alpha", {"alpha": 2}, [randn(2, 3), randn(3)], lambda a, b: torch.rsub(a, b, alpha=2)),
            ("rsub/scalar", {"other": 1.0}, [randn(2, 3)], lambda a: 1.0 - a),
            ("rsub/scalar_alpha", {"other": 1, "alpha": 0.5}, [randn(2, 3)], lambda a: torch.rsub(a, 1, alpha=0.5)),
            ("rsub/i64_scalar", {"other": 10}, [ints(4)], lambda a: 10 - a),
            ("div/trunc", {"rounding_mode": "trunc"}, [randn(3, 4, scale=5.0), randn(4)],
             lambda a, b: torch.div(a, b, rounding_mode="trunc")),
            ("div/floor", {"rounding_mode": "floor"}, [randn(3, 4, scale=5.0), randn(4)],
             lambda a, b: torch.div(a, b, rounding_mode="floor")),
            ("div/floor_signs", {"rounding_mode": "floor"}, [torch.tensor([5.0, -5.0, 5.0, -5.0, 0.0, -0.0, 1.0, 7.5]),
                                                             torch.tensor([3.0, 3.0, -3.0, -3.0, 2.0, 2.0, 0.0, 2.5])],
             lambda a, b: torch.div(a, b, rounding_mode="floor")),
            ("div/trunc_signs", {"rounding_mode": "trunc"}, [torch.tensor([5.0, -5.0, 5.0, -5.0, 0.5, -0.5, 1.0]),
                                                             torch.tensor([3.0, 3.0, -3.0, -3.0, 2.0, 2.0, 0.0])],
             lambda a, b: torch.div(a, b, rounding_mode="trunc")),
            ("div/by_zero", {}, [torch.tensor([1.0, -1.0, 0.0, -0.0]), torch.tensor([0.0, 0.0, 0.0, -0.0])], torch.div),
            ("div/i64_true_division", {}, [ints(2, 3), ints(3, low=1, high=4)], torch.div),
            ("div/i64_trunc", {"rounding_mode": "trunc"}, [torch.tensor([7, -7, 7, -7, 0]), torch.tensor([2, 2, -2, -2, 3])],
             lambda a, b: torch.div(a, b, rounding_mode="trunc")),
            ("div/i64_floor", {"rounding_mode": "floor"}, [torch.tensor([7, -7, 7, -7, 0]), torch.tensor([2, 2, -2, -2, 3])],
             lambda a, b: torch.div(a, b, rounding_mode="floor")),
            ("div/scalar_floor", {"other": -2.0, "rounding_mode": "floor"}, [randn(5, scale=4.0)],
             lambda a: torch.div(a, -2.0, rounding_mode="floor")),
            ("div/i64_scalar_int_floor", {"other": 3, "rounding_mode": "floor"}, [ints(6)],
             lambda a: torch.div(a, 3, rounding_mode="floor")),
            ("rdiv/scalar", {"other": 2.0}, [rand(2, 3, low=0.5, high=2.0)], lambda a: 2.0 / a),
            ("rdiv/tensors", {}, [rand(3, low=0.5, high=2.0), randn(2, 3)], lambda a, b: b / a),
            ("rdiv/scalar_floor", {"other": 7, "rounding_mode": "floor"}, [randn(5, scale=3.0)],
             lambda a: torch.div(torch.tensor(7.0, dtype=a.dtype), a, rounding_mode="floor")),
            ("pow/negative_base_fraction_is_nan", {"exponent": 0.5}, [torch.tensor([-4.0, 4.0, 0.0])],
             lambda a: torch.pow(a, 0.5)),
            ("pow/negative_base_int_exponent", {"exponent": 3}, [torch.tensor([-2.0, 1.5, -0.5])], lambda a: torch.pow(a, 3)),
            ("pow/zero_to_negative_is_inf", {"exponent": -1.0}, [torch.tensor([0.0, -0.0, 2.0])], lambda a: torch.pow(a, -1.0)),
            ("pow/i64_tensor_exponents_negative", {}, [torch.tensor([2, 1, -1, -1, 3, 0]), torch.tensor([-1, -5, -3, -2, 4, 0])],
             torch.pow),
            ("pow/one_and_minus_one_bases", {}, [torch.tensor([1.0, 1.0, -1.0, -1.0, float("nan"), 1.0]),
                                                 torch.tensor([float("nan"), float("inf"), float("inf"), float("-inf"), 0.0,
                                                               float("-inf")])], torch.pow),
            ("pow/i64_scalar_0", {"exponent": 0}, [ints(4)], lambda a: torch.pow(a, 0)),
            ("rpow/scalar_float", {"other": 2.0}, [randn(2, 3)], lambda a: 2.0 ** a),
            ("rpow/scalar_int_i64", {"other": 3}, [torch.tensor([0, 1, 2, 5, -1])], lambda a: torch.pow(3, a)),
            ("rpow/tensors", {}, [randn(3), rand(2, 3, low=0.5, high=2.0)], lambda a, b: torch.pow(b, a)),
            ("maximum/nan_and_zeros", {}, [torch.tensor([1.0, float("nan"), -0.0, 0.0, float("-inf")]),
                                           torch.tensor([float("nan"), 1.0, 0.0, -0.0, -5.0])], torch.maximum),
            ("minimum/nan_and_zeros", {}, [torch.tensor([1.0, float("nan"), -0.0, 0.0, float("inf")]),
                                           torch.tensor([float("nan"), 1.0, 0.0, -0.0, 5.0])], torch.minimum)]:
        op = name.split("/")[0]
        fam.case(name, op, args, ins, fn)
    fam.error("add/i64_float_alpha", "add", {"alpha": 2.0}, [i64(3), i64(3)], "integer tensors need an int alpha")
    fam.error("sub/i64_scalar_float_alpha", "sub", {"other": 1, "alpha": 0.5}, [i64(3)], "integer tensors need an int alpha")
    fam.error("pow/i64_negative_int_exponent", "pow", {"exponent": -1}, [i64(3)],
              "integers to negative integer powers are not allowed")
    fam.error("div/bad_rounding_mode", "div", {"rounding_mode": "round"}, [f32(3), f32(3)], "no rounding mode 'round'")
    fam.error("mul/alpha_not_an_argument", "mul", {"alpha": 2}, [f32(3), f32(3)], "mul has no alpha")
    fam.error("add/other_not_a_number", "add", {"other": "x"}, [f32(3)], "other must be a number")


# ---------------------------------------------------------------- reductions


def dims_arg(dim):
    return {} if dim is None else {"dim": dim}


REDUCE_DIMS = [("all", (3, 4), None), ("all_empty_tuple", (3, 4), []), ("dim0", (3, 4), 0), ("last", (2, 3, 4), -1),
               ("tuple_non_contiguous", (2, 3, 4, 5), [0, 2]), ("tuple_negative", (2, 3, 4, 5), [-1, 1]),
               ("tuple_all", (2, 3, 4), [2, 0, 1]), ("size1_dim", (3, 1, 4), 1), ("0d", (), None), ("0d_dim", (), 0)]


def reductions(fam):
    torch_fn = {"sum": torch.sum, "mean": torch.mean, "prod": torch.prod, "amax": torch.amax, "amin": torch.amin}

    def ref(fn, dim, keepdim):
        if dim is None:
            return lambda t: fn(t) if not keepdim else fn(t, dim=tuple(range(t.dim())), keepdim=True)
        return lambda t: fn(t, dim if isinstance(dim, int) else tuple(dim), keepdim=keepdim)

    for op, fn in torch_fn.items():
        for name, shape, dim in REDUCE_DIMS:
            if op == "prod" and isinstance(dim, list) and len(dim) > 0:
                continue
            if op in ("amax", "amin") and dim is None:
                fnn = ref(fn, [], False)
            else:
                fnn = ref(fn, dim if dim != [] else None, False)
            x = rand(*shape, low=0.5, high=1.5) if op == "prod" else randn(*shape)
            fam.case(f"{op}/{name}", op, dims_arg(dim), [x], fnn)
        for name, shape, dim in [("keepdim", (2, 3, 4), 1), ("keepdim_negative", (2, 3, 4), -2)] + (
                [] if op == "prod" else [("keepdim_tuple", (2, 3, 4, 2), [0, 3])]):
            x = rand(*shape, low=0.5, high=1.5) if op == "prod" else randn(*shape)
            fam.case(f"{op}/{name}", op, {"dim": dim, "keepdim": True}, [x], ref(fn, dim, True))
        if op != "mean":
            fam.case(f"{op}/i64", op, {"dim": 1}, [ints(3, 4)], ref(fn, 1, False))
            fam.case(f"{op}/i64_all", op, {}, [ints(2, 3, low=-3, high=4)], ref(fn, [] if op in ("amax", "amin") else None, False))
        if op != "prod":
            fam.error(f"{op}/repeated_dim", op, {"dim": [0, -2]}, [f32(3, 4)], "dim 0 appears twice")
        fam.error(f"{op}/dim_out_of_range", op, {"dim": 2}, [f32(3, 4)], "dim 2 of a rank-2 tensor")
    for op in ("sum", "mean", "prod"):
        fam.case(f"{op}/empty_all", op, {}, [randn(0, 3)], torch_fn[op])
        fam.case(f"{op}/empty_dim", op, {"dim": 0}, [randn(0, 3)], lambda t, f=torch_fn[op]: f(t, 0))
    fam.case("sum/specials", "sum", {"dim": 0}, [specials().reshape(5, 2)], lambda t: t.sum(0))
    fam.case("sum/large_cancellation", "sum", {}, [torch.tensor([1e8, 1.0, -1e8, 1.0])], torch.sum,
             why="double accumulation keeps the small terms that float32 would lose")
    for op in ("amax", "amin"):
        fam.case(f"{op}/nan_propagates", op, {"dim": 1}, [specials().reshape(2, 5)], lambda t, f=torch_fn[op]: f(t, 1))
        fam.case(f"{op}/infinities", op, {"dim": 0}, [torch.tensor([[float("-inf"), 1.0], [float("inf"), float("-inf")]])],
                 lambda t, f=torch_fn[op]: f(t, 0))
        fam.case(f"{op}/nonempty_dim_of_empty", op, {"dim": 1}, [randn(0, 3)], lambda t, f=torch_fn[op]: f(t, 1))
        fam.error(f"{op}/empty_dim", op, {"dim": 0}, [f32(0, 3)], "cannot reduce an empty dim without identity")
        fam.error(f"{op}/empty_all", op, {}, [f32(2, 0)], "cannot reduce an empty tensor without identity")
    fam.error("mean/i64", "mean", {}, [i64(3)], "mean needs a floating-point input")
    fam.error("prod/tuple_dims", "prod", {"dim": [0, 1]}, [f32(2, 3)], "prod takes one dim")


def variances(fam):
    for op, fn in (("var", torch.var), ("std", torch.std)):
        for name, shape, dim, corr, keep in [("all_default", (3, 4), None, None, False), ("dim", (3, 4), 1, None, False),
                                             ("tuple_non_contiguous", (2, 3, 4, 2), [0, 2], None, False),
                                             ("negative_dim_keepdim", (2, 3, 4), -1, None, True),
                                             ("correction_0_biased", (3, 5), 1, 0, False),
                                             ("correction_2", (4, 6), 0, 2, False),
                                             ("all_correction_0", (2, 3), None, 0, False),
                                             ("single_element_is_nan", (1,), None, None, False),
                                             ("single_element_dim_is_nan", (3, 1), 1, None, False),
                                             ("single_element_biased_is_0", (3, 1), 1, 0, False),
                                             ("correction_equals_n_is_inf", (2, 2), 1, 2, False),
                                             ("correction_above_n", (2, 2), 1, 3, False),
                                             ("0d", (), None, None, False), ("keepdim_all_tuple", (2, 3), [0, 1], 1, True),
                                             ("empty_is_nan", (0, 3), 0, None, False)]:
            args = dims_arg(dim)
            if corr is not None:
                args["correction"] = corr
            if keep:
                args["keepdim"] = True
            d = None if dim is None else (dim if isinstance(dim, int) else tuple(dim))
            c = 1 if corr is None else corr
            x = randn(*shape, scale=3.0) + 1.0
            fam.case(f"{op}/{name}", op, args, [x], lambda t, d=d, c=c, k=keep, f=fn: f(t, dim=d, correction=c, keepdim=k))
        fam.case(f"{op}/specials", op, {"dim": 1}, [specials().reshape(5, 2)], lambda t, f=fn: f(t, 1))
        fam.case(f"{op}/large_offset", op, {}, [randn(20) + 1000.0], lambda t, f=fn: f(t),
                 why="two passes in double: no cancellation from the large mean")
        fam.error(f"{op}/i64", op, {}, [i64(3)], "var and std need a floating-point input")
        fam.error(f"{op}/repeated_dim", op, {"dim": [1, 1]}, [f32(3, 4)], "dim 1 appears twice")


def extremes(fam):
    ties = torch.randint(0, 3, (4, 5)).float()
    for op, fn in (("max", torch.max), ("min", torch.min)):
        fam.case(f"{op}/all", op, {}, [randn(3, 4)], fn)
        fam.case(f"{op}/all_0d", op, {}, [randn()], fn)
        fam.case(f"{op}/all_nan_wins", op, {}, [specials()], fn)
        fam.case(f"{op}/all_i64", op, {}, [ints(3, 4)], fn)
        for name, x, dim, keep in [("dim", randn(3, 4), 1, False), ("dim0", randn(3, 4, 2), 0, False),
                                   ("negative_dim", randn(2, 3, 4), -2, False), ("keepdim", randn(2, 3, 4), 2, True),
                                   ("ties_first_occurrence", ties, 1, False), ("nan_wins_first_index", specials().reshape(2, 5), 1, False),
                                   ("nan_wins_columns", torch.tensor([[1.0, float("nan")], [float("nan"), 2.0], [float("nan"), 3.0]]), 0, False),
                                   ("infinities", torch.tensor([[float("-inf"), float("-inf")], [float("inf"), 1.0]]), 1, False),
                                   ("negative_zero_first", torch.tensor([[-0.0, 0.0], [0.0, -0.0]]), 1, False),
                                   ("i64", ints(3, 4, low=-2, high=2), 0, False), ("size1_dim", randn(3, 1), 1, True),
                                   ("0d_dim", randn(), 0, False), ("nonempty_dim_of_empty", randn(0, 3), 1, False)]:
            args = {"dim": dim, "keepdim": True} if keep else {"dim": dim}
            fam.case(f"{op}/{name}", op, args, [x], lambda t, d=dim, k=keep, f=fn: tuple(f(t, d, keepdim=k)))
        fam.error(f"{op}/empty_dim", op, {"dim": 0}, [f32(0, 3)], "cannot reduce an empty dim")
        fam.error(f"{op}/empty_all", op, {}, [f32(0)], "max of an empty tensor needs a dim")
        fam.error(f"{op}/keepdim_without_dim", op, {"keepdim": True}, [f32(3)], "keepdim needs a dim")
        fam.error(f"{op}/tuple_dim", op, {"dim": [0, 1]}, [f32(2, 3)], "max takes one dim")

    for op, fn in (("argmax", torch.argmax), ("argmin", torch.argmin)):
        for name, x, dim, keep in [("flat", randn(3, 4), None, False), ("flat_keepdim", randn(2, 3), None, True),
                                   ("dim", randn(3, 4), 1, False), ("negative_dim_keepdim", randn(2, 3, 4), -3, True),
                                   ("ties_first", ties, 0, False), ("ties_flat", ties, None, False),
                                   ("nan_wins", specials().reshape(5, 2), 0, False), ("nan_flat", specials(), None, False),
                                   ("i64", ints(4, 3), 1, False), ("0d", randn(), None, False), ("0d_keepdim", randn(), None, True),
                                   ("1d", randn(7), 0, False)]:
            args = {}
            if dim is not None:
                args["dim"] = dim
            if keep:
                args["keepdim"] = True
            fam.case(f"{op}/{name}", op, args, [x], lambda t, d=dim, k=keep, f=fn: f(t, d, keepdim=k))
        fam.error(f"{op}/empty_flat", op, {}, [f32(0, 3)], "argmax of an empty tensor")
        fam.error(f"{op}/empty_dim", op, {"dim": 0}, [f32(0, 3)], "cannot reduce an empty dim")
        fam.error(f"{op}/dim_out_of_range", op, {"dim": -3}, [f32(2, 3)], "dim -3 of a rank-2 tensor")


# ---------------------------------------------------------------- unflatten


def unflattens(fam):
    for name, shape, dim, sizes in [("last", (2, 3, 12), 2, (3, 4)), ("infer", (2, 12, 3), 1, (-1, 4)),
                                    ("negative_dim", (2, 3, 12), -1, (2, 3, 2)), ("first", (6, 2), 0, (3, 2)),
                                    ("ones", (4,), 0, (1, 4, 1)), ("empty", (2, 0), 1, (0, 5))]:
        fam.case(f"unflatten/{name}", "unflatten", {"dim": dim, "sizes": list(sizes)}, [randn(*shape)],
                 lambda x, d=dim, s=sizes: torch.unflatten(x, d, s))
    fam.case("unflatten/i64", "unflatten", {"dim": 0, "sizes": [2, -1]}, [ints(6)], lambda x: torch.unflatten(x, 0, (2, -1)))
    fam.error("unflatten/size_mismatch", "unflatten", {"dim": 1, "sizes": [4, 4]}, [f32(2, 12)], "4 * 4 != 12")
    fam.error("unflatten/two_minus_one", "unflatten", {"dim": 1, "sizes": [-1, -1]}, [f32(2, 12)], "one -1 at most")
    fam.error("unflatten/not_divisible", "unflatten", {"dim": 1, "sizes": [5, -1]}, [f32(2, 12)], "12 is not divisible by 5")
