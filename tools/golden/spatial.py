"""Conformance cases of the spatial family: convolutions, transposed convolutions, pooling, interpolation.

References come from PyTorch's modules / functionals with the weights we store. Two tnet extensions
have no PyTorch spelling and are computed from their definition with PyTorch pieces:
asymmetric per-side conv padding (F.pad, then an unpadded conv) and global_avg/max_pool
(adaptive pooling to size 1). Every error case is also checked here to be refused by PyTorch
(`refused`), except the ones marked as tnet-only.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from golden import randn


def build(fam):
    conv(fam)
    conv_padding_modes(fam)
    conv_transpose(fam)
    max_pool(fam)
    avg_pool(fam)
    adaptive_pool(fam)
    global_pool(fam)
    interpolate_nearest(fam)
    interpolate_linear(fam)
    interpolate_other(fam)
    errors(fam)
    # Regression (found by the fuzzer): equal sizes still take a zero-weight second tap, so 0 * inf is NaN.
    x = torch.tensor([[[[1.0, float("-inf"), 3.0], [4.0, 5.0, float("inf")]]]])
    fam.case("interpolate/bilinear_equal_size_infinite_input", "interpolate", {"size": [2, 3], "mode": "bilinear"}, [x],
             lambda x: F.interpolate(x, size=(2, 3), mode="bilinear", align_corners=False))


# ---------------------------------------------------------------------------------------------
# Convolutions


def _tuple(v, dims):
    return tuple(v) if isinstance(v, (list, tuple)) else (v,) * dims


def conv_reference(dims, in_ch, args):
    """Runs nn.ConvNd configured by the tnet args; a 2*dims padding tuple pads per side first."""
    out = args["out_channels"]
    padding = args.get("padding", 0)
    mode = args.get("padding_mode", "zeros")
    asymmetric = isinstance(padding, (list, tuple)) and len(padding) == 2 * dims

    def fn(x, w, b=None):
        pad = padding
        if asymmetric:
            per_side = []
            for d in reversed(range(dims)):  # F.pad starts at the last dim
                per_side += [padding[2 * d], padding[2 * d + 1]]
            x = F.pad(x, per_side, mode="constant" if mode == "zeros" else mode)
            pad = 0
        m = getattr(nn, f"Conv{dims}d")(in_ch, out, args["kernel_size"], stride=args.get("stride", 1),
                                         padding=pad, dilation=args.get("dilation", 1),
                                         groups=args.get("groups", 1), bias=b is not None,
                                         padding_mode="zeros" if asymmetric else mode)
        m = m.to(x.dtype)
        m.weight.copy_(w)
        if b is not None:
            m.bias.copy_(b)
        return m(x)
    return fn


def conv_params(dims, x_shape, args, transposed):
    """The random weight and (unless bias=False) bias of a convolution or, if transposed, of a
    transposed one: weight [out, in / groups, *k] or [in, out / groups, *k], bias [out]."""
    in_ch = x_shape[-dims - 1]
    groups = args.get("groups", 1)
    k = _tuple(args["kernel_size"], dims)
    out = args["out_channels"]
    params = [randn(in_ch, out // groups, *k) if transposed else randn(out, in_ch // groups, *k)]
    if args.get("bias", True):
        params.append(randn(out))
    return params


def conv_case(fam, name, dims, x_shape, args, scale=1.0):
    in_ch = x_shape[-dims - 1]
    params = conv_params(dims, x_shape, args, transposed=False)
    fam.case(f"conv{dims}d/{name}", f"conv{dims}d", args, [randn(*x_shape, scale=scale)],
             conv_reference(dims, in_ch, args), params=params)


def conv(fam):
    c2 = lambda name, shape, **a: conv_case(fam, name, 2, shape, a)  # noqa: E731
    c2("basic", (2, 3, 7, 7), out_channels=4, kernel_size=3)
    c2("stride2_pad1_odd_sizes", (1, 3, 9, 11), out_channels=2, kernel_size=3, stride=2, padding=1)
    c2("tuple_args", (1, 2, 8, 9), out_channels=3, kernel_size=(3, 2), stride=(2, 1), padding=(1, 0),
       dilation=(1, 2))
    c2("dilation_with_padding", (1, 2, 9, 8), out_channels=2, kernel_size=3, dilation=2, padding=2)
    c2("stride_larger_than_kernel", (1, 2, 10, 11), out_channels=3, kernel_size=2, stride=3)
    c2("groups", (2, 4, 6, 6), out_channels=6, kernel_size=3, groups=2, padding=1)
    c2("depthwise", (1, 3, 7, 6), out_channels=3, kernel_size=3, groups=3, padding=1)
    c2("channel_multiplier", (1, 3, 6, 7), out_channels=6, kernel_size=3, groups=3)
    c2("pointwise_1x1", (2, 5, 4, 3), out_channels=3, kernel_size=1)
    c2("no_bias", (1, 3, 6, 6), out_channels=2, kernel_size=3, bias=False)
    c2("same_odd_kernel", (1, 2, 6, 7), out_channels=3, kernel_size=3, padding="same")
    c2("same_even_kernel_pads_end", (1, 2, 6, 7), out_channels=2, kernel_size=4, padding="same")
    c2("same_dilated_even_total", (1, 2, 7, 6), out_channels=2, kernel_size=(2, 3), dilation=(3, 2),
       padding="same")
    c2("valid", (1, 2, 6, 5), out_channels=2, kernel_size=3, padding="valid")
    c2("asymmetric_padding", (1, 2, 5, 6), out_channels=3, kernel_size=3, padding=(0, 2, 1, 0))
    c2("asymmetric_padding_strided", (1, 2, 7, 7), out_channels=2, kernel_size=2, stride=2,
       padding=(1, 0, 0, 1))
    c2("unbatched", (3, 6, 5), out_channels=2, kernel_size=3, padding=1)
    c2("size1_spatial_dim", (1, 2, 1, 6), out_channels=2, kernel_size=(1, 3))
    c2("kernel_equals_input", (1, 2, 4, 3), out_channels=3, kernel_size=(4, 3))
    conv_case(fam, "large_values", 2, (1, 2, 5, 5), {"out_channels": 2, "kernel_size": 3}, scale=1e4)

    c1 = lambda name, shape, **a: conv_case(fam, name, 1, shape, a)  # noqa: E731
    c1("basic", (2, 3, 10), out_channels=4, kernel_size=3)
    c1("stride_dilation_groups", (1, 4, 17), out_channels=6, kernel_size=3, stride=2, dilation=2,
       groups=2, padding=2)
    c1("same_even_kernel", (1, 2, 9), out_channels=2, kernel_size=4, padding="same")
    c1("asymmetric_padding", (1, 2, 7), out_channels=2, kernel_size=3, padding=(2, 0))
    c1("unbatched", (3, 8), out_channels=2, kernel_size=2, bias=False)
    c1("depthwise_multiplier", (1, 2, 9), out_channels=4, kernel_size=3, groups=2)

    c3 = lambda name, shape, **a: conv_case(fam, name, 3, shape, a)  # noqa: E731
    c3("basic", (1, 2, 4, 5, 5), out_channels=3, kernel_size=(2, 3, 3), stride=(1, 2, 2),
       padding=(1, 0, 1))
    c3("depthwise_dilated", (1, 3, 5, 5, 4), out_channels=3, kernel_size=2, groups=3, dilation=2,
       padding=1)
    c3("same_even", (1, 2, 3, 4, 4), out_channels=2, kernel_size=(2, 2, 3), padding="same")
    c3("asymmetric_padding", (1, 1, 3, 4, 3), out_channels=2, kernel_size=2,
       padding=(1, 0, 0, 2, 1, 1))
    c3("unbatched_1x1", (2, 3, 2, 4), out_channels=3, kernel_size=1, stride=(1, 2, 1))


def conv_padding_modes(fam):
    for mode in ("reflect", "replicate", "circular"):
        conv_case(fam, f"{mode}_padding", 2, (1, 2, 6, 5),
                  {"out_channels": 2, "kernel_size": 3, "padding": 2, "padding_mode": mode})
        conv_case(fam, f"{mode}_asymmetric_padding", 2, (1, 2, 5, 6),
                  {"out_channels": 2, "kernel_size": 3, "padding": (2, 0, 1, 3), "padding_mode": mode})
        conv_case(fam, f"{mode}_padding", 1, (2, 2, 7),
                  {"out_channels": 3, "kernel_size": 3, "padding": 2, "stride": 2, "padding_mode": mode})
        conv_case(fam, f"{mode}_padding", 3, (1, 2, 3, 4, 4),
                  {"out_channels": 2, "kernel_size": 3, "padding": (1, 2, 1), "padding_mode": mode})
    conv_case(fam, "circular_same_odd_kernel", 2, (1, 2, 4, 5),
              {"out_channels": 2, "kernel_size": (3, 5), "padding": "same", "padding_mode": "circular"})
    conv_case(fam, "reflect_same_even_kernel", 2, (1, 2, 5, 6),
              {"out_channels": 2, "kernel_size": 4, "padding": "same", "padding_mode": "reflect"})
    conv_case(fam, "circular_padding_equals_size", 2, (1, 1, 3, 4),
              {"out_channels": 2, "kernel_size": 3, "padding": (3, 4), "padding_mode": "circular"})
    conv_case(fam, "replicate_padding_beyond_size", 2, (1, 1, 2, 3),
              {"out_channels": 2, "kernel_size": 3, "padding": 4, "padding_mode": "replicate"})
    conv_case(fam, "reflect_dilated_groups", 2, (1, 4, 6, 6),
              {"out_channels": 4, "kernel_size": 3, "padding": 3, "dilation": 2, "groups": 2,
               "padding_mode": "reflect"})


def conv_transpose_case(fam, name, dims, x_shape, args):
    groups = args.get("groups", 1)
    params = conv_params(dims, x_shape, args, transposed=True)
    f = getattr(F, f"conv_transpose{dims}d")

    def fn(x, w, b=None):
        return f(x, w, b, stride=args.get("stride", 1), padding=args.get("padding", 0),
                 output_padding=args.get("output_padding", 0), groups=groups,
                 dilation=args.get("dilation", 1))
    fam.case(f"conv_transpose{dims}d/{name}", f"conv_transpose{dims}d", args, [randn(*x_shape)], fn,
             params=params)


def conv_transpose(fam):
    t2 = lambda name, shape, **a: conv_transpose_case(fam, name, 2, shape, a)  # noqa: E731
    t2("basic", (2, 3, 4, 4), out_channels=2, kernel_size=3)
    t2("stride2_padding_output_padding", (1, 3, 4, 5), out_channels=2, kernel_size=3, stride=2,
       padding=1, output_padding=1)
    t2("output_padding_below_dilation", (1, 2, 3, 4), out_channels=2, kernel_size=3, dilation=2,
       output_padding=1)
    t2("tuple_args", (1, 2, 3, 4), out_channels=3, kernel_size=(2, 3), stride=(3, 2),
       padding=(0, 1), output_padding=(2, 1), dilation=(1, 2))
    t2("groups", (1, 4, 3, 3), out_channels=6, kernel_size=2, stride=2, groups=2)
    t2("depthwise", (1, 3, 4, 3), out_channels=3, kernel_size=3, groups=3, padding=1)
    t2("no_bias", (1, 2, 3, 3), out_channels=2, kernel_size=2, bias=False)
    t2("padding_crops", (1, 2, 4, 4), out_channels=2, kernel_size=3, padding=2)
    t2("stride_larger_than_kernel", (1, 2, 3, 3), out_channels=2, kernel_size=2, stride=3,
       output_padding=2)
    t2("unbatched", (2, 3, 4), out_channels=3, kernel_size=3, stride=2)
    t2("pointwise_1x1", (1, 3, 2, 3), out_channels=2, kernel_size=1)
    t1 = lambda name, shape, **a: conv_transpose_case(fam, name, 1, shape, a)  # noqa: E731
    t1("basic", (2, 3, 5), out_channels=2, kernel_size=3)
    t1("stride3_output_padding2_groups", (1, 4, 4), out_channels=2, kernel_size=2, stride=3,
       output_padding=2, groups=2, padding=1)
    t1("dilation", (1, 2, 5), out_channels=3, kernel_size=3, dilation=3, padding=2)
    t3 = lambda name, shape, **a: conv_transpose_case(fam, name, 3, shape, a)  # noqa: E731
    t3("basic", (1, 2, 2, 3, 3), out_channels=2, kernel_size=2)
    t3("stride_output_padding", (1, 2, 2, 3, 2), out_channels=2, kernel_size=(2, 3, 2),
       stride=2, padding=(0, 1, 0), output_padding=(1, 0, 1))


# ---------------------------------------------------------------------------------------------
# Pooling


def with_nans(t, positions):
    t = t.clone()
    flat = t.view(-1)
    for p in positions:
        flat[p] = float("nan")
    return t


def max_pool_case(fam, name, dims, x, **args):
    f = getattr(F, f"max_pool{dims}d")
    fam.case(f"max_pool{dims}d/{name}", f"max_pool{dims}d", args, [x], lambda x: f(x, **args))


def max_pool(fam):
    m2 = lambda name, shape, **a: max_pool_case(fam, name, 2, randn(*shape), **a)  # noqa: E731
    m2("basic", (2, 3, 6, 6), kernel_size=2)
    m2("k3_s2_p1_odd", (1, 2, 7, 9), kernel_size=3, stride=2, padding=1)
    m2("stride_none_explicit", (1, 2, 6, 5), kernel_size=2, stride=None)
    m2("tuple_args", (1, 2, 8, 9), kernel_size=(3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2))
    m2("stride_larger_than_kernel", (1, 2, 9, 10), kernel_size=2, stride=3)
    m2("dilation_with_padding", (1, 2, 9, 9), kernel_size=3, dilation=2, padding=1)
    m2("ceil_mode_partial_window", (1, 2, 6, 7), kernel_size=3, stride=2, ceil_mode=True)
    m2("ceil_mode_drops_window_starting_in_padding", (1, 2, 5, 5), kernel_size=3, stride=3, padding=1,
       ceil_mode=True)
    m2("ceil_mode_dilation_padding", (1, 1, 8, 7), kernel_size=2, stride=3, padding=1, dilation=2,
       ceil_mode=True)
    m2("return_indices", (2, 2, 7, 6), kernel_size=3, stride=2, padding=1, return_indices=True)
    m2("return_indices_dilated_ceil", (1, 2, 9, 8), kernel_size=2, stride=2, dilation=3, padding=1,
       ceil_mode=True, return_indices=True)
    m2("unbatched", (3, 5, 6), kernel_size=2, return_indices=True)
    m2("size1_spatial_dim", (1, 2, 1, 7), kernel_size=(1, 3), stride=(1, 2))
    max_pool_case(fam, "nan_propagates", 2, with_nans(randn(1, 2, 6, 6), [0, 7, 8, 20, 50]),
                  kernel_size=3, stride=2, padding=1, return_indices=True)
    max_pool_case(fam, "all_neg_inf_window", 2, torch.full((1, 1, 4, 5), float("-inf")),
                  kernel_size=3, stride=2, padding=1, return_indices=True)
    x = randn(1, 1, 6, 6)
    x[0, 0, 2:4, 2:4] = 1.5  # ties: the first one wins
    max_pool_case(fam, "ties_first_wins", 2, x, kernel_size=3, stride=1, return_indices=True)
    m1 = lambda name, shape, **a: max_pool_case(fam, name, 1, randn(*shape), **a)  # noqa: E731
    m1("basic", (2, 3, 10), kernel_size=2)
    m1("k3_s2_p1_ceil", (1, 2, 10), kernel_size=3, stride=2, padding=1, ceil_mode=True)
    m1("dilation_indices", (1, 2, 13), kernel_size=3, dilation=3, padding=1, return_indices=True)
    m1("unbatched", (2, 9), kernel_size=4, stride=3)
    max_pool_case(fam, "nan_propagates", 1, with_nans(randn(1, 2, 9), [1, 2, 12]), kernel_size=3,
                  stride=2, return_indices=True)
    m3 = lambda name, shape, **a: max_pool_case(fam, name, 3, randn(*shape), **a)  # noqa: E731
    m3("basic", (1, 2, 4, 4, 6), kernel_size=2)
    m3("padding_ceil", (1, 2, 5, 6, 5), kernel_size=3, stride=2, padding=1, ceil_mode=True)
    m3("dilation_indices", (1, 1, 5, 6, 7), kernel_size=(2, 2, 3), dilation=(2, 1, 2), padding=1,
       return_indices=True)
    max_pool_case(fam, "nan_propagates", 3, with_nans(randn(1, 1, 4, 4, 4), [0, 5, 21, 63]),
                  kernel_size=2, return_indices=True)
    max_pool_case(fam, "all_neg_inf_window", 3, torch.full((1, 1, 3, 4, 4), float("-inf")),
                  kernel_size=2, stride=2, padding=1, return_indices=True)
    m2("ceil_mode_stride_larger_than_kernel", (1, 1, 8, 9), kernel_size=2, stride=3, padding=1, ceil_mode=True)


def avg_pool_case(fam, name, dims, shape, **args):
    f = getattr(F, f"avg_pool{dims}d")
    fam.case(f"avg_pool{dims}d/{name}", f"avg_pool{dims}d", args, [randn(*shape)], lambda x: f(x, **args))


def avg_pool(fam):
    a2 = lambda name, shape, **a: avg_pool_case(fam, name, 2, shape, **a)  # noqa: E731
    a2("basic", (2, 3, 6, 6), kernel_size=2)
    a2("k3_s2_p1_include_pad", (1, 2, 7, 8), kernel_size=3, stride=2, padding=1)
    a2("k3_s2_p1_exclude_pad", (1, 2, 7, 8), kernel_size=3, stride=2, padding=1, count_include_pad=False)
    a2("ceil_mode_past_padded_edge_include_pad", (1, 2, 6, 7), kernel_size=3, stride=2, padding=1,
       ceil_mode=True)
    a2("ceil_mode_past_padded_edge_exclude_pad", (1, 2, 6, 7), kernel_size=3, stride=2, padding=1,
       ceil_mode=True, count_include_pad=False)
    a2("ceil_mode_no_padding", (1, 2, 6, 7), kernel_size=3, stride=2, ceil_mode=True)
    a2("ceil_mode_drops_window_starting_in_padding", (1, 2, 5, 5), kernel_size=3, stride=3, padding=1,
       ceil_mode=True)
    a2("divisor_override", (1, 2, 7, 7), kernel_size=3, stride=2, padding=1, divisor_override=5)
    a2("divisor_override_ceil", (1, 2, 6, 5), kernel_size=2, stride=2, ceil_mode=True, divisor_override=3)
    a2("divisor_override_beats_exclude_pad", (1, 1, 5, 6), kernel_size=3, stride=2, padding=1,
       count_include_pad=False, divisor_override=4)
    a2("ceil_mode_stride_larger_than_kernel", (1, 1, 8, 9), kernel_size=2, stride=3, padding=1, ceil_mode=True,
       count_include_pad=False)
    a2("tuple_args", (1, 2, 8, 9), kernel_size=(3, 2), stride=(2, 3), padding=(1, 0))
    a2("stride_larger_than_kernel", (1, 2, 9, 10), kernel_size=2, stride=3)
    a2("unbatched", (3, 5, 6), kernel_size=2, stride=1)
    a2("size1_spatial_dim", (1, 2, 1, 7), kernel_size=(1, 3), stride=(1, 2), padding=(0, 1))
    a1 = lambda name, shape, **a: avg_pool_case(fam, name, 1, shape, **a)  # noqa: E731
    a1("basic", (2, 3, 10), kernel_size=3)
    a1("ceil_padding_exclude_pad", (1, 2, 10), kernel_size=4, stride=3, padding=2, ceil_mode=True,
       count_include_pad=False)
    a1("ceil_padding_include_pad", (1, 2, 10), kernel_size=4, stride=3, padding=2, ceil_mode=True)
    a1("unbatched", (2, 9), kernel_size=2)
    a3 = lambda name, shape, **a: avg_pool_case(fam, name, 3, shape, **a)  # noqa: E731
    a3("basic", (1, 2, 4, 4, 6), kernel_size=2)
    a3("padding_ceil_exclude_pad", (1, 2, 5, 6, 5), kernel_size=3, stride=2, padding=1, ceil_mode=True,
       count_include_pad=False)
    a3("padding_ceil_include_pad", (1, 1, 5, 4, 5), kernel_size=(3, 2, 3), stride=2, padding=1,
       ceil_mode=True)
    a3("divisor_override", (1, 1, 4, 5, 4), kernel_size=2, stride=(1, 2, 2), divisor_override=7)


def adaptive_case(fam, name, kind, dims, x, **args):
    op = f"adaptive_{kind}_pool{dims}d"
    f = getattr(F, op)
    fam.case(f"{op}/{name}", op, args, [x], lambda x: f(x, **args))


def adaptive_pool(fam):
    for kind in ("avg", "max"):
        extra = {"return_indices": True} if kind == "max" else {}
        a = lambda name, dims, shape, **kw: adaptive_case(fam, name, kind, dims, randn(*shape), **kw)  # noqa: E731
        a("uneven_overlapping_windows", 2, (2, 3, 7, 7), output_size=3, **extra)
        a("tuple_output", 2, (1, 2, 5, 8), output_size=(2, 3))
        a("none_keeps_size", 2, (1, 2, 6, 5), output_size=(None, 3), **extra)
        a("upsampling", 2, (1, 2, 3, 2), output_size=(5, 4), **extra)
        a("output_1", 2, (1, 3, 5, 6), output_size=1)
        a("same_size", 2, (1, 2, 4, 5), output_size=(4, 5))
        a("unbatched", 2, (3, 7, 6), output_size=(4, 3), **extra)
        a("basic", 1, (2, 3, 10), output_size=4, **extra)
        a("upsampling", 1, (1, 2, 3), output_size=7)
        a("unbatched", 1, (2, 11), output_size=(4,))
        a("basic", 3, (1, 2, 4, 5, 6), output_size=(2, 3, 4), **extra)
        a("none_entries", 3, (1, 1, 4, 5, 3), output_size=(3, None, 2))
    adaptive_case(fam, "nan_propagates", "max", 2, with_nans(randn(1, 2, 6, 6), [0, 9, 10, 40]),
                  output_size=(3, 2), return_indices=True)
    adaptive_case(fam, "all_neg_inf", "max", 2, torch.full((1, 1, 4, 5), float("-inf")),
                  output_size=(2, 3), return_indices=True)
    adaptive_case(fam, "all_neg_inf", "max", 3, torch.full((1, 1, 3, 4, 2), float("-inf")),
                  output_size=(2, 3, 1), return_indices=True)
    adaptive_case(fam, "nan_propagates", "max", 1, with_nans(randn(1, 2, 7), [2, 3, 11]),
                  output_size=3, return_indices=True)


def global_pool(fam):
    for kind in ("avg", "max"):
        for shape in [(2, 3, 9), (2, 3, 5, 6), (1, 2, 3, 4, 5), (1, 2, 1, 1)]:
            dims = len(shape) - 2
            f = getattr(F, f"adaptive_{kind}_pool{dims}d")
            fam.case(f"global_{kind}_pool/rank{len(shape)}_{'x'.join(map(str, shape))}", f"global_{kind}_pool",
                     {}, [randn(*shape)], lambda x, f=f: f(x, 1))
    fam.case("global_max_pool/nan_propagates", "global_max_pool", {},
             [with_nans(randn(2, 2, 4, 4), [3, 17, 18])], lambda x: F.adaptive_max_pool2d(x, 1))


# ---------------------------------------------------------------------------------------------
# Interpolation


def interp_case(fam, name, shape, compute_dtype=torch.float64, x=None, **args):
    x = randn(*shape) if x is None else x
    fam.case(f"interpolate/{name}", "interpolate", args, [x], lambda x: F.interpolate(x, **args),
             compute_dtype=compute_dtype)


def interpolate_nearest(fam):
    # PyTorch computes nearest indices in float32 whatever the tensor's dtype; the cases run in
    # float32 as the brief asks (float64 gives the same indices).
    f32 = torch.float32
    for mode in ("nearest", "nearest-exact"):
        m = mode.replace("-", "_")
        n = lambda name, shape, **a: interp_case(fam, f"{m}/{name}", shape, f32, mode=mode, **a)  # noqa: E731
        n("1d_scale2", (1, 2, 5), scale_factor=2.0)
        n("1d_scale_same_size", (1, 2, 10), scale_factor=1.09)
        n("1d_scale_double_size", (1, 2, 4), scale_factor=2.1)
        n("1d_size_downscale", (2, 2, 11), size=4)
        n("1d_size_up_noninteger", (1, 2, 3), size=7)
        n("2d_scale_same_and_double_size", (1, 2, 10, 4), scale_factor=(1.09, 2.1))
        n("2d_scale_noninteger", (1, 2, 4, 5), scale_factor=(1.7, 0.6))
        n("2d_size_up", (1, 2, 3, 4), size=(5, 7))
        n("2d_size_down", (1, 2, 7, 5), size=(3, 2))
        n("2d_scale_int", (1, 1, 3, 3), scale_factor=3)
        n("2d_recompute_scale_factor", (1, 2, 4, 5), scale_factor=1.7, recompute_scale_factor=True)
        n("3d_scale2", (1, 1, 2, 3, 2), scale_factor=2.0)
        n("3d_size", (1, 2, 3, 4, 5), size=(2, 6, 4))
        # two channels: PyTorch's general path (one channel takes a channels-last path, see the kernel)
        n("3d_scale_same_and_double_size", (1, 2, 3, 10, 4), scale_factor=(2.1, 1.09, 1.0))
        # float32 index math differs from exact arithmetic here (e.g. 2 -> 82, o = 41).
        n("float32_index_math_size", (1, 1, 2), size=82)
        n("float32_index_math_scale", (1, 1, 11), scale_factor=3.7)
        n("float32_index_math_exact_size", (1, 1, 3), size=123)


def interpolate_linear(fam):
    for ac in (False, True):
        s = "align_corners" if ac else "half_pixel"
        i = lambda name, shape, **a: interp_case(fam, f"{name}_{s}", shape, align_corners=ac, **a)  # noqa: E731
        i("linear/scale2", (1, 2, 5), mode="linear", scale_factor=2.0)
        i("linear/size_up", (1, 2, 4), mode="linear", size=7)
        i("linear/downscale", (2, 1, 10), mode="linear", size=4)
        i("linear/scale_noninteger", (1, 2, 6), mode="linear", scale_factor=1.7)
        i("linear/output_1", (1, 2, 6), mode="linear", size=1)
        i("bilinear/scale2", (1, 2, 3, 4), mode="bilinear", scale_factor=2.0)
        i("bilinear/size_mixed", (1, 2, 3, 6), mode="bilinear", size=(5, 4))
        i("bilinear/scale_noninteger", (1, 2, 5, 6), mode="bilinear", scale_factor=(1.5, 0.7))
        i("bilinear/downscale", (1, 1, 9, 8), mode="bilinear", size=(4, 3))
        i("bilinear/size1_input", (1, 1, 1, 4), mode="bilinear", size=(3, 6))
        i("bicubic/scale2", (1, 2, 3, 4), mode="bicubic", scale_factor=2.0)
        i("bicubic/size_mixed", (1, 2, 4, 7), mode="bicubic", size=(6, 3))
        i("bicubic/scale_noninteger", (1, 1, 5, 5), mode="bicubic", scale_factor=(1.3, 2.6))
        i("bicubic/downscale", (1, 1, 9, 10), mode="bicubic", size=(4, 3))
        i("bicubic/output_1", (1, 2, 5, 4), mode="bicubic", size=(1, 3))
        i("trilinear/scale2", (1, 1, 2, 3, 2), mode="trilinear", scale_factor=2.0)
        i("trilinear/size_mixed", (1, 2, 2, 3, 4), mode="trilinear", size=(3, 5, 2))
        i("trilinear/scale_noninteger", (1, 1, 3, 4, 3), mode="trilinear", scale_factor=(1.5, 0.8, 2.4))
    interp_case(fam, "linear/scale_same_size_copies", (1, 2, 5), mode="linear", scale_factor=1.1)
    interp_case(fam, "bilinear/scale_same_size_copies", (1, 1, 5, 6), mode="bilinear", scale_factor=1.1)
    interp_case(fam, "bilinear/scale_same_size_copies_2_channels", (1, 2, 5, 6), mode="bilinear",
                scale_factor=(1.1, 2.05))
    interp_case(fam, "trilinear/scale_same_size_copies", (1, 1, 3, 4, 5), mode="trilinear",
                scale_factor=(1.2, 1.1, 1.1))
    interp_case(fam, "bicubic/scale_same_size_resamples", (1, 1, 5, 6), mode="bicubic", scale_factor=1.1)
    interp_case(fam, "bilinear/recompute_scale_factor", (1, 2, 4, 5), mode="bilinear", scale_factor=1.7,
                recompute_scale_factor=True)
    interp_case(fam, "bicubic/recompute_scale_factor", (1, 1, 4, 5), mode="bicubic", scale_factor=1.7,
                recompute_scale_factor=True)
    interp_case(fam, "bilinear/align_corners_none_is_false", (1, 1, 3, 4), mode="bilinear", scale_factor=2.0)
    interp_case(fam, "bicubic/extreme_values_overshoot", (1, 1, 4, 4), mode="bicubic", scale_factor=2.0,
                x=torch.tensor([[[[0., 1e4, 0., -1e4], [1e4, 0., -1e4, 0.], [0., 0., 1e4, 1e4],
                                  [-1e4, 1e4, -1e4, 1e4]]]]))


def interpolate_other(fam):
    interp_case(fam, "area/2d_size_uneven", (1, 2, 7, 7), mode="area", size=(3, 3))
    interp_case(fam, "area/1d_scale_half", (1, 2, 9), mode="area", scale_factor=0.5)
    interp_case(fam, "area/3d_upsample", (1, 1, 2, 3, 4), mode="area", size=(3, 5, 2))
    interp_case(fam, "area/2d_scale_noninteger", (1, 1, 6, 5), mode="area", scale_factor=(0.7, 1.5))


# ---------------------------------------------------------------------------------------------
# Errors


def refused(fn):
    try:
        fn()
    except (RuntimeError, ValueError, NotImplementedError, TypeError, IndexError):
        return
    raise AssertionError("PyTorch accepted a case we list as an error")


def errors(fam):
    def f32(*s):
        return ("f32", list(s))

    def x(*s):
        return torch.zeros(*s, dtype=torch.float64)

    def err(name, op, args, shape, why, check=None):
        if check is not None:
            refused(check)
        fam.error(f"{op}/error/{name}", op, args, [f32(*shape)], why)

    w = lambda *s: torch.zeros(*s, dtype=torch.float64)  # noqa: E731
    err("groups_not_dividing_in_channels", "conv2d", {"out_channels": 4, "kernel_size": 3, "groups": 4},
        (1, 6, 8, 8), "groups=4 does not divide 6 input channels",
        lambda: nn.Conv2d(6, 4, 3, groups=4))
    err("groups_not_dividing_out_channels", "conv2d", {"out_channels": 5, "kernel_size": 3, "groups": 2},
        (1, 4, 8, 8), "groups=2 does not divide 5 output channels", lambda: nn.Conv2d(4, 5, 3, groups=2))
    err("kernel_larger_than_padded_input", "conv2d", {"out_channels": 1, "kernel_size": 5, "padding": 0},
        (1, 1, 3, 3), "a 5x5 kernel does not fit a 3x3 input", lambda: F.conv2d(x(1, 1, 3, 3), w(1, 1, 5, 5)))
    err("kernel_larger_with_dilation", "conv1d", {"out_channels": 1, "kernel_size": 3, "dilation": 3},
        (1, 1, 6), "dilated kernel spans 7 > 6", lambda: F.conv1d(x(1, 1, 6), w(1, 1, 3), dilation=3))
    err("same_with_stride2", "conv2d", {"out_channels": 1, "kernel_size": 3, "padding": "same", "stride": 2},
        (1, 1, 8, 8), "'same' needs stride 1",
        lambda: F.conv2d(x(1, 1, 8, 8), w(1, 1, 3, 3), padding="same", stride=2))
    err("rank5_input", "conv2d", {"out_channels": 1, "kernel_size": 3}, (1, 1, 4, 8, 8),
        "conv2d takes 3D or 4D input", lambda: F.conv2d(x(1, 1, 4, 8, 8), w(1, 1, 3, 3)))
    err("rank4_input", "conv1d", {"out_channels": 1, "kernel_size": 3}, (1, 1, 8, 8),
        "conv1d takes 2D or 3D input", lambda: F.conv1d(x(1, 1, 8, 8), w(1, 1, 3)))
    err("rank1_input", "conv1d", {"out_channels": 1, "kernel_size": 1}, (8,),
        "conv1d takes 2D or 3D input", lambda: F.conv1d(x(8), w(1, 1, 1)))
    err("reflect_padding_not_below_size", "conv2d",
        {"out_channels": 1, "kernel_size": 3, "padding": 3, "padding_mode": "reflect"}, (1, 1, 3, 5),
        "reflect padding must be smaller than the input size",
        lambda: nn.Conv2d(1, 1, 3, padding=3, padding_mode="reflect").double()(x(1, 1, 3, 5)))
    err("circular_padding_wraps_twice", "conv2d",
        {"out_channels": 1, "kernel_size": 3, "padding": 4, "padding_mode": "circular"}, (1, 1, 3, 5),
        "circular padding may wrap at most once",
        lambda: nn.Conv2d(1, 1, 3, padding=4, padding_mode="circular").double()(x(1, 1, 3, 5)))
    err("negative_padding", "conv2d", {"out_channels": 1, "kernel_size": 3, "padding": -1}, (1, 1, 5, 5),
        "negative padding", lambda: F.conv2d(x(1, 1, 5, 5), w(1, 1, 3, 3), padding=-1))
    err("padding_tuple_of_3", "conv2d", {"out_channels": 1, "kernel_size": 3, "padding": [1, 1, 1]},
        (1, 1, 5, 5), "padding has 3 entries for 2 dims",
        lambda: F.conv2d(x(1, 1, 5, 5), w(1, 1, 3, 3), padding=(1, 1, 1)))
    err("padding_string_full", "conv2d", {"out_channels": 1, "kernel_size": 3, "padding": "full"},
        (1, 1, 5, 5), "only 'same' and 'valid'",
        lambda: F.conv2d(x(1, 1, 5, 5), w(1, 1, 3, 3), padding="full"))
    err("bad_padding_mode", "conv2d", {"out_channels": 1, "kernel_size": 3, "padding_mode": "symmetric"},
        (1, 1, 5, 5), "unknown padding_mode", lambda: nn.Conv2d(1, 1, 3, padding_mode="symmetric"))
    err("zero_kernel", "conv2d", {"out_channels": 1, "kernel_size": 0}, (1, 1, 5, 5), "empty kernel",
        lambda: F.conv2d(x(1, 1, 5, 5), w(1, 1, 0, 0)))
    err("zero_stride", "conv3d", {"out_channels": 1, "kernel_size": 1, "stride": 0}, (1, 1, 2, 2, 2),
        "stride 0", lambda: F.conv3d(x(1, 1, 2, 2, 2), w(1, 1, 1, 1, 1), stride=0))
    err("output_padding_too_large", "conv_transpose2d",
        {"out_channels": 1, "kernel_size": 3, "stride": 2, "output_padding": 2}, (1, 1, 4, 4),
        "output_padding must be smaller than stride or dilation",
        lambda: F.conv_transpose2d(x(1, 1, 4, 4), w(1, 1, 3, 3), stride=2, output_padding=2))
    err("output_padding_equal_stride_and_dilation", "conv_transpose1d",
        {"out_channels": 1, "kernel_size": 3, "output_padding": 1}, (1, 1, 4),
        "output_padding 1 with stride 1 and dilation 1",
        lambda: F.conv_transpose1d(x(1, 1, 4), w(1, 1, 3), output_padding=1))
    err("groups_not_dividing_in_channels", "conv_transpose2d",
        {"out_channels": 4, "kernel_size": 3, "groups": 2}, (1, 3, 4, 4), "groups=2 does not divide 3",
        lambda: nn.ConvTranspose2d(3, 4, 3, groups=2))
    err("output_too_small", "conv_transpose2d", {"out_channels": 1, "kernel_size": 3, "padding": 4},
        (1, 1, 5, 5), "output size (5-1) - 8 + 3 = -1",
        lambda: F.conv_transpose2d(x(1, 1, 5, 5), w(1, 1, 3, 3), padding=4))
    err("padding_mode_reflect", "conv_transpose2d",
        {"out_channels": 1, "kernel_size": 3, "padding_mode": "reflect"}, (1, 1, 5, 5),
        "transposed convolutions only pad with zeros",
        lambda: nn.ConvTranspose2d(1, 1, 3, padding_mode="reflect"))
    err("rank2_input", "conv_transpose3d", {"out_channels": 1, "kernel_size": 1}, (4, 4),
        "conv_transpose3d takes 4D or 5D input", lambda: F.conv_transpose3d(x(4, 4), w(1, 1, 1, 1, 1)))

    for op, f in (("max_pool2d", F.max_pool2d), ("avg_pool2d", F.avg_pool2d)):
        err("padding_more_than_half_kernel", op, {"kernel_size": 3, "padding": 2}, (1, 1, 8, 8),
            "pad must be at most kernel/2", lambda f=f: f(x(1, 1, 8, 8), 3, padding=2))
        err("kernel_larger_than_input", op, {"kernel_size": 5}, (1, 1, 3, 3),
            "a 5x5 window does not fit a 3x3 input", lambda f=f: f(x(1, 1, 3, 3), 5))
        err("stride_zero", op, {"kernel_size": 2, "stride": 0}, (1, 1, 4, 4), "stride 0",
            lambda f=f: f(x(1, 1, 4, 4), 2, stride=0))
        err("rank2_input", op, {"kernel_size": 2}, (4, 4), "needs 3D or 4D input",
            lambda f=f: f(x(4, 4), 2))
        err("negative_padding", op, {"kernel_size": 2, "padding": -1}, (1, 1, 4, 4), "negative padding",
            lambda f=f: f(x(1, 1, 4, 4), 2, padding=-1))
    err("padding_more_than_half_kernel_dilated", "max_pool1d", {"kernel_size": 2, "padding": 2, "dilation": 3},
        (1, 1, 9), "the bound is half the kernel, not the dilated extent",
        lambda: F.max_pool1d(x(1, 1, 9), 2, padding=2, dilation=3))
    err("dilated_window_larger_than_input", "max_pool3d", {"kernel_size": 2, "dilation": 4},
        (1, 1, 4, 4, 4), "dilated window spans 5 > 4", lambda: F.max_pool3d(x(1, 1, 4, 4, 4), 2, dilation=4))
    err("divisor_override_zero", "avg_pool2d", {"kernel_size": 2, "divisor_override": 0}, (1, 1, 4, 4),
        "division by zero", lambda: F.avg_pool2d(x(1, 1, 4, 4), 2, divisor_override=0))
    err("divisor_override_is_not_an_argument", "avg_pool1d", {"kernel_size": 2, "divisor_override": 2},
        (1, 1, 4), "avg_pool1d has no divisor_override",
        lambda: F.avg_pool1d(x(1, 1, 4), 2, divisor_override=2))
    err("output_size_wrong_length", "adaptive_avg_pool2d", {"output_size": [2, 2, 2]}, (1, 1, 4, 4),
        "3 output sizes for 2 dims", lambda: F.adaptive_avg_pool2d(x(1, 1, 4, 4), (2, 2, 2)))
    err("negative_output_size", "adaptive_max_pool1d", {"output_size": -1}, (1, 1, 4),
        "negative output size", lambda: F.adaptive_max_pool1d(x(1, 1, 4), -1))
    err("rank5_input", "adaptive_max_pool2d", {"output_size": 2}, (1, 1, 1, 4, 4),
        "needs 3D or 4D input", lambda: F.adaptive_max_pool2d(x(1, 1, 1, 4, 4), 2))
    err("rank2_input", "global_avg_pool", {}, (3, 4), "needs [N, C, *spatial] with 1-3 spatial dims")
    err("rank6_input", "global_max_pool", {}, (1, 1, 2, 2, 2, 2), "needs [N, C, *spatial] with 1-3 spatial dims")

    i = lambda name, args, shape, why, check: err(name, "interpolate", args, shape, why, check)  # noqa: E731
    i("both_size_and_scale_factor", {"size": 4, "scale_factor": 2.0}, (1, 1, 4), "exactly one of them",
      lambda: F.interpolate(x(1, 1, 4), size=4, scale_factor=2.0))
    i("neither_size_nor_scale_factor", {}, (1, 1, 4), "exactly one of them",
      lambda: F.interpolate(x(1, 1, 4)))
    i("bicubic_on_3d_input", {"scale_factor": 2.0, "mode": "bicubic"}, (1, 1, 4), "bicubic needs 4D",
      lambda: F.interpolate(x(1, 1, 4), scale_factor=2.0, mode="bicubic"))
    i("bilinear_on_5d_input", {"scale_factor": 2.0, "mode": "bilinear"}, (1, 1, 2, 2, 2), "bilinear needs 4D",
      lambda: F.interpolate(x(1, 1, 2, 2, 2), scale_factor=2.0, mode="bilinear"))
    i("linear_on_4d_input", {"size": 3, "mode": "linear"}, (1, 1, 2, 2), "linear needs 3D",
      lambda: F.interpolate(x(1, 1, 2, 2), size=3, mode="linear"))
    i("trilinear_on_4d_input", {"size": 3, "mode": "trilinear"}, (1, 1, 2, 2), "trilinear needs 5D",
      lambda: F.interpolate(x(1, 1, 2, 2), size=3, mode="trilinear"))
    i("align_corners_with_nearest", {"size": 3, "mode": "nearest", "align_corners": False}, (1, 1, 2, 2),
      "align_corners only for interpolating modes",
      lambda: F.interpolate(x(1, 1, 2, 2), size=3, mode="nearest", align_corners=False))
    i("recompute_with_size", {"size": 3, "recompute_scale_factor": True}, (1, 1, 2, 2),
      "recompute_scale_factor needs scale_factor",
      lambda: F.interpolate(x(1, 1, 2, 2), size=3, recompute_scale_factor=True))
    i("size_tuple_length", {"size": [3, 3, 3]}, (1, 1, 2, 2), "3 sizes for 2 spatial dims",
      lambda: F.interpolate(x(1, 1, 2, 2), size=(3, 3, 3)))
    i("scale_tuple_length", {"scale_factor": [2.0]}, (1, 1, 2, 2), "1 scale for 2 spatial dims",
      lambda: F.interpolate(x(1, 1, 2, 2), scale_factor=(2.0,)))
    i("empty_output", {"scale_factor": 0.1}, (1, 1, 5, 5), "floor(5 * 0.1) = 0",
      lambda: F.interpolate(x(1, 1, 5, 5), scale_factor=0.1))
    i("rank2_input", {"size": 3}, (2, 2), "needs a batch and channel dim",
      lambda: F.interpolate(x(2, 2), size=3))
    i("unknown_mode", {"size": 3, "mode": "lanczos"}, (1, 1, 2, 2), "unknown mode",
      lambda: F.interpolate(x(1, 1, 2, 2), size=3, mode="lanczos"))
