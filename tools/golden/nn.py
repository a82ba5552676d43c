"""Conformance cases of the nn family: norms, activations, softmax, linear algebra, embedding, dropout.

PyTorch 1.13 has neither F.rms_norm nor DyT: their references are computed from the documented
formulas in float64 (see rms_norm_ref and dyt_ref).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from golden import rand, randn

INF = float("inf")
NAN = float("nan")


def build(fam):
    linear(fam)
    batch_norm(fam)
    instance_norm(fam)
    layer_norm(fam)
    group_norm(fam)
    rms_norm(fam)
    dyt(fam)
    activations(fam)
    prelu(fam)
    softmax(fam)
    matmul(fam)
    embedding(fam)
    dropout(fam)


def linear(fam):
    for name, shape, out, bias in [("basic", (2, 5), 3, True), ("no_bias", (4, 7), 2, False),
                                   ("batched_3d", (2, 3, 6), 4, True), ("vector", (5,), 3, True),
                                   # regression: in_features=0 divided by zero (found by OpRobustnessTest)
                                   ("zero_in_features", (3, 0), 2, True), ("zero_rows", (0, 4), 2, True)]:
        x = randn(*shape)
        w = randn(out, shape[-1])
        params = [w, randn(out)] if bias else [w]
        fam.case(f"linear/{name}", "linear", {"out_features": out, "bias": bias}, [x],
                 lambda x, w, b=None: F.linear(x, w, b), params=params)
    fam.error("linear/scalar_input", "linear", {"out_features": 3}, [("f32", [])],
              "a 0-d input has no feature dim")
    fam.error("linear/int_input", "linear", {"out_features": 3}, [("i64", [2, 4])], "linear takes a float input")


# ---------------------------------------------------------------------------------------------
# Norms with running statistics


def channel_params(c, affine, track, nbt=0):
    """weight, bias, running_mean, running_var, num_batches_tracked, as the modules' state_dict."""
    p = []
    if affine:
        p += [rand(c, low=0.5, high=1.5), randn(c)]
    if track:
        p += [randn(c, scale=0.5), rand(c, low=0.5, high=2.0), torch.tensor(nbt, dtype=torch.int64)]
    return p


def split_channel_params(params, affine, track):
    w = b = rm = rv = nbt = None
    if affine:
        w, b, params = params[0], params[1], params[2:]
    if track:
        rm, rv, nbt = params
    return w, b, rm, rv, nbt


def batch_norm_ref(args):
    eps, momentum = args.get("eps", 1e-5), args.get("momentum", 0.1)
    affine, track = args.get("affine", True), args.get("track_running_stats", True)
    training = args.get("training", False)

    def fn(x, *params):
        w, b, rm, rv, nbt = split_channel_params(params, affine, track)
        if track and training:
            # The module itself, so that momentum=None (cumulative average) follows PyTorch.
            m = nn.BatchNorm1d(x.shape[1], eps=eps, momentum=momentum, affine=affine).double()
            state = {"running_mean": rm, "running_var": rv, "num_batches_tracked": nbt}
            if affine:
                state.update(weight=w, bias=b)
            m.load_state_dict(state)
            m.train()
            y = m(x.reshape(x.shape[0], x.shape[1], -1)).reshape(x.shape)
            return y, m.running_mean, m.running_var
        use_batch = training or not track
        return F.batch_norm(x, rm, rv, w, b, use_batch, 0.0 if momentum is None else momentum, eps)
    return fn


def batch_norm(fam):
    cases = [
        ("eval_4d", (2, 3, 4, 5), {}),
        ("eval_2d", (4, 3), {}),
        ("eval_3d", (2, 3, 7), {}),
        ("eval_5d", (2, 2, 3, 2, 3), {}),
        ("eval_eps", (2, 3, 4), {"eps": 0.1}),
        ("eval_no_affine", (2, 3, 4), {"affine": False}),
        ("eval_one_channel", (3, 1, 2, 2), {}),
        ("eval_single_value", (1, 2, 1, 1), {"eps": 1e-3}),
        ("batch_stats_no_tracking", (2, 3, 4, 5), {"track_running_stats": False}),
        ("batch_stats_no_tracking_no_affine", (3, 4, 5), {"track_running_stats": False, "affine": False}),
        ("batch_stats_two_values", (2, 3), {"track_running_stats": False}),
        ("train_no_tracking", (2, 3, 3, 3), {"training": True, "track_running_stats": False}),
        ("train_4d", (2, 3, 4, 5), {"training": True}),
        ("train_2d", (5, 4), {"training": True}),
        ("train_3d_momentum", (3, 2, 6), {"training": True, "momentum": 0.5}),
        ("train_5d", (2, 3, 2, 3, 2), {"training": True, "eps": 1e-3}),
        ("train_no_affine", (2, 3, 5), {"training": True, "affine": False}),
        ("train_size1_spatial", (4, 3, 1, 1), {"training": True}),
        ("train_momentum_none", (3, 2, 4), {"training": True, "momentum": None}),
        ("train_momentum_1", (2, 2, 3), {"training": True, "momentum": 1.0}),
    ]
    for name, shape, args in cases:
        affine, track = args.get("affine", True), args.get("track_running_stats", True)
        params = channel_params(shape[1], affine, track, nbt=3 if name == "train_momentum_none" else 0)
        fam.case(f"batch_norm/{name}", "batch_norm", args, [randn(*shape, scale=2.0) + 0.5],
                 batch_norm_ref(args), params=params)
    x = randn(2, 3, 4) * 1e4 + 1e5
    for name, args in [("large_magnitude_eval", {}), ("large_magnitude_train", {"training": True})]:
        params = channel_params(3, True, True)
        params[2] = torch.full((3,), 1e5) + randn(3) * 1e3
        params[3] = torch.full((3,), 1e8)
        fam.case(f"batch_norm/{name}", "batch_norm", args, [x], batch_norm_ref(args), params=params)
    # Variance far below eps: the output depends on the default eps (1e-5) being used.
    fam.case("batch_norm/small_variance_default_eps", "batch_norm", {"training": True}, [randn(4, 2, 3) * 1e-3],
             batch_norm_ref({"training": True}), params=channel_params(2, True, True))
    # Regression (found by the fuzzer): an infinite input gives an infinite running mean, not NaN.
    xi = randn(2, 3, 4)
    xi[0, 1, 2], xi[1, 2, 0] = float("inf"), float("-inf")
    fam.case("batch_norm/train_infinite_input", "batch_norm", {"training": True}, [xi],
             batch_norm_ref({"training": True}), params=channel_params(3, True, True))
    fam.error("batch_norm/train_one_value_per_channel", "batch_norm", {"training": True},
              [("f32", [1, 3, 1, 1])], "training needs more than one value per channel")
    fam.error("batch_norm/no_tracking_one_value_per_channel", "batch_norm", {"track_running_stats": False},
              [("f32", [1, 3])], "batch statistics need more than one value per channel")
    fam.error("batch_norm/rank1", "batch_norm", {}, [("f32", [3])], "needs (N, C, ...)")
    fam.error("batch_norm/int_input", "batch_norm", {}, [("i64", [2, 3])], "needs a float input")


def instance_norm_ref(args):
    eps, momentum = args.get("eps", 1e-5), args.get("momentum", 0.1)
    affine, track = args.get("affine", False), args.get("track_running_stats", False)
    training = args.get("training", False)

    def fn(x, *params):
        w, b, rm, rv, _ = split_channel_params(params, affine, track)
        y = F.instance_norm(x, rm, rv, w, b, training or not track, momentum, eps)
        return (y, rm, rv) if track and training else y
    return fn


def instance_norm(fam):
    cases = [
        ("default_3d", (2, 3, 5), {}),
        ("default_4d", (2, 3, 4, 4), {}),
        ("default_5d", (1, 2, 3, 3, 2), {}),
        ("affine", (2, 3, 4, 3), {"affine": True}),
        ("eps", (2, 2, 6), {"eps": 1e-2}),
        ("two_spatial_values", (3, 2, 2), {}),
        ("training_no_tracking", (2, 3, 6), {"training": True, "affine": True}),
        ("running_stats_eval", (2, 3, 4, 4), {"track_running_stats": True}),
        ("running_stats_eval_affine", (2, 3, 5), {"track_running_stats": True, "affine": True}),
        ("running_stats_eval_single_value", (2, 3, 1), {"track_running_stats": True}),
        ("running_stats_train", (2, 3, 4, 4), {"track_running_stats": True, "training": True}),
        ("running_stats_train_affine", (3, 2, 5), {"track_running_stats": True, "training": True,
                                                   "affine": True, "momentum": 0.3}),
    ]
    for name, shape, args in cases:
        params = channel_params(shape[1], args.get("affine", False), args.get("track_running_stats", False))
        fam.case(f"instance_norm/{name}", "instance_norm", args, [randn(*shape, scale=2.0) - 0.5],
                 instance_norm_ref(args), params=params)
    fam.case("instance_norm/large_magnitude", "instance_norm", {}, [randn(2, 2, 8) * 1e4 + 1e5],
             instance_norm_ref({}))
    fam.case("instance_norm/small_variance_default_eps", "instance_norm", {}, [randn(2, 2, 6) * 1e-3],
             instance_norm_ref({}))
    # Regression (found by the fuzzer): an infinite input gives an infinite running mean, not NaN.
    xi = randn(2, 3, 4)
    xi[0, 1, 2], xi[1, 2, 0] = float("inf"), float("-inf")
    train = {"track_running_stats": True, "training": True}
    fam.case("instance_norm/running_stats_train_infinite_input", "instance_norm", train, [xi],
             instance_norm_ref(train), params=channel_params(3, False, True))
    fam.error("instance_norm/one_spatial_value", "instance_norm", {}, [("f32", [2, 3, 1])],
              "instance statistics need more than one spatial element")
    fam.error("instance_norm/rank2", "instance_norm", {}, [("f32", [2, 3])], "needs (N, C, *spatial)")
    fam.error("instance_norm/momentum_none", "instance_norm", {"momentum": None}, [("f32", [2, 3, 4])],
              "F.instance_norm needs a float momentum")


# ---------------------------------------------------------------------------------------------
# Norms over trailing dims or groups


def layer_norm(fam):
    cases = [
        ("last_dim", (4, 6), 6, {}),
        ("last_dim_tuple", (3, 5), [5], {}),
        ("trailing_two", (2, 3, 4, 5), [4, 5], {}),
        ("trailing_three", (2, 3, 4, 2), [3, 4, 2], {}),
        ("whole_tensor", (3, 4), [3, 4], {}),
        ("vector", (7,), 7, {}),
        ("no_affine", (3, 8), 8, {"elementwise_affine": False}),
        ("no_bias", (3, 8), 8, {"bias": False}),
        ("eps", (2, 5), 5, {"eps": 0.1}),
        ("single_element", (5, 1), 1, {}),
        ("size1_dims", (1, 3, 1, 4), [1, 4], {}),
    ]
    for name, shape, ns, args in cases:
        args = dict(normalized_shape=ns, **args)
        nshape = [ns] if isinstance(ns, int) else ns
        affine, bias = args.get("elementwise_affine", True), args.get("bias", True)
        params = ([rand(*nshape, low=0.5, high=1.5)] + ([randn(*nshape)] if bias else [])) if affine else []
        eps = args.get("eps", 1e-5)
        fam.case(f"layer_norm/{name}", "layer_norm", args, [randn(*shape, scale=3.0) + 1.0],
                 lambda x, w=None, b=None, n=nshape, e=eps: F.layer_norm(x, n, w, b, e), params=params)
    fam.case("layer_norm/large_magnitude", "layer_norm", {"normalized_shape": 16, "elementwise_affine": False},
             [randn(3, 16) * 1e4 + 1e6], lambda x: F.layer_norm(x, [16]))
    fam.case("layer_norm/small_variance_default_eps", "layer_norm",
             {"normalized_shape": 6, "elementwise_affine": False}, [randn(3, 6) * 1e-3],
             lambda x: F.layer_norm(x, [6]))
    fam.error("layer_norm/shape_mismatch", "layer_norm", {"normalized_shape": [3, 5]}, [("f32", [2, 3, 4])],
              "normalized_shape (3, 5) is not the input's trailing dims (3, 4)")
    fam.error("layer_norm/more_dims_than_input", "layer_norm", {"normalized_shape": [2, 4]}, [("f32", [4])],
              "normalized_shape has more dims than the input")
    fam.error("layer_norm/empty_shape", "layer_norm", {"normalized_shape": []}, [("f32", [2, 3])],
              "normalized_shape must not be empty")


def group_norm(fam):
    cases = [
        ("groups_3", (2, 6, 4, 4), 3, {}),
        ("groups_1", (2, 4, 3), 1, {}),
        ("groups_c", (2, 4, 3, 3), 4, {}),
        ("input_2d", (3, 6), 2, {}),
        ("input_5d", (1, 4, 2, 3, 2), 2, {}),
        ("no_affine", (2, 6, 5), 3, {"affine": False}),
        ("eps", (2, 4, 3), 2, {"eps": 0.1}),
        ("single_element_groups", (2, 3), 3, {}),
        ("batch_1", (1, 4, 5), 2, {}),
    ]
    for name, shape, groups, args in cases:
        args = dict(num_groups=groups, **args)
        params = [rand(shape[1], low=0.5, high=1.5), randn(shape[1])] if args.get("affine", True) else []
        eps = args.get("eps", 1e-5)
        fam.case(f"group_norm/{name}", "group_norm", args, [randn(*shape, scale=2.0) + 1.0],
                 lambda x, w=None, b=None, g=groups, e=eps: F.group_norm(x, g, w, b, e), params=params)
    fam.case("group_norm/large_magnitude", "group_norm", {"num_groups": 2, "affine": False},
             [randn(2, 4, 6) * 1e4 + 1e6], lambda x: F.group_norm(x, 2))
    fam.case("group_norm/small_variance_default_eps", "group_norm", {"num_groups": 2, "affine": False},
             [randn(2, 4, 3) * 1e-3], lambda x: F.group_norm(x, 2))
    fam.error("group_norm/groups_not_dividing", "group_norm", {"num_groups": 4}, [("f32", [2, 6, 3])],
              "num_groups=4 does not divide 6 channels")
    fam.error("group_norm/one_value_per_group", "group_norm", {"num_groups": 2}, [("f32", [1, 2])],
              "F.group_norm refuses N * C / G * spatial == 1")
    fam.error("group_norm/rank1", "group_norm", {"num_groups": 1}, [("f32", [4])], "needs (N, C, ...)")
    fam.error("group_norm/zero_groups", "group_norm", {"num_groups": 0}, [("f32", [2, 4])],
              "num_groups must be positive")


def rms_norm_ref(nshape, eps):
    """nn.RMSNorm (PyTorch 2.4) from its formula, in float64: x / sqrt(mean(x^2) + eps) * weight."""
    eps = torch.finfo(torch.float32).eps if eps is None else eps
    dims = tuple(range(-len(nshape), 0))

    def fn(x, w=None):
        y = x * torch.rsqrt(x.pow(2).mean(dims, keepdim=True) + eps)
        return y * w if w is not None else y
    return fn


def rms_norm(fam):
    cases = [
        ("default_eps", (4, 8), 8, {}),
        ("eps", (3, 6), 6, {"eps": 1e-5}),
        ("large_eps", (3, 6), [6], {"eps": 0.5}),
        ("trailing_two", (2, 3, 4), [3, 4], {}),
        ("no_affine", (3, 5), 5, {"elementwise_affine": False}),
        ("single_element", (4, 1), 1, {}),
        ("vector", (9,), 9, {}),
    ]
    for name, shape, ns, args in cases:
        args = dict(normalized_shape=ns, **args)
        nshape = [ns] if isinstance(ns, int) else ns
        params = [rand(*nshape, low=0.5, high=1.5)] if args.get("elementwise_affine", True) else []
        fam.case(f"rms_norm/{name}", "rms_norm", args, [randn(*shape, scale=2.0)],
                 rms_norm_ref(nshape, args.get("eps")), params=params)
    fam.case("rms_norm/large_magnitude", "rms_norm", {"normalized_shape": 8}, [randn(3, 8) * 1e5],
             rms_norm_ref([8], None), params=[rand(8, low=0.5, high=1.5)])
    fam.case("rms_norm/small_inputs_default_eps", "rms_norm", {"normalized_shape": 6, "elementwise_affine": False},
             [randn(3, 6) * 1e-4], rms_norm_ref([6], None))
    fam.case("rms_norm/zeros", "rms_norm", {"normalized_shape": 4}, [torch.zeros(2, 4)],
             rms_norm_ref([4], None), params=[torch.ones(4)])
    fam.error("rms_norm/shape_mismatch", "rms_norm", {"normalized_shape": 5}, [("f32", [2, 4])],
              "normalized_shape (5,) is not the input's trailing dim 4")


def dyt_ref(x, alpha, w, b):
    """DyT (Zhu et al. 2025) from its formula: tanh(alpha * x) * weight + bias over the last dim."""
    return torch.tanh(alpha * x) * w + b


def dyt(fam):
    for name, shape, args, alpha in [("default", (2, 3, 8), {}, 0.5),
                                     ("alpha_init", (4, 6), {"alpha_init_value": 1.5}, 1.5),
                                     ("trained_alpha", (3, 5), {}, -0.8), ("vector", (7,), {}, 0.5)]:
        c = shape[-1]
        params = [torch.tensor([alpha]), rand(c, low=0.5, high=1.5), randn(c)]
        fam.case(f"dyt/{name}", "dyt", args, [randn(*shape, scale=3.0)], dyt_ref, params=params)
    fam.case("dyt/large_magnitude", "dyt", {}, [randn(2, 4) * 1e4],
             dyt_ref, params=[torch.tensor([0.5]), torch.ones(4), torch.zeros(4)])
    fam.error("dyt/scalar_input", "dyt", {}, [("f32", [])], "a 0-d input has no channel dim")


# ---------------------------------------------------------------------------------------------
# Activations and softmax

SPECIAL = torch.tensor([NAN, -INF, -1000.0, -100.0, -20.5, -6.0, -3.0, -1.0, -1e-8, -0.0, 0.0, 1e-8,
                        1.0, 3.0, 6.0, 20.5, 100.0, 1000.0, INF])

ACTIVATIONS = [
    ("relu", {}, F.relu),
    ("relu6", {}, F.relu6),
    ("selu", {}, F.selu),
    ("sigmoid", {}, torch.sigmoid),
    ("tanh", {}, torch.tanh),
    ("hardsigmoid", {}, F.hardsigmoid),
    ("hardswish", {}, F.hardswish),
    ("silu", {}, F.silu),
    ("mish", {}, F.mish),
    ("leaky_relu", {}, F.leaky_relu),
    ("leaky_relu", {"negative_slope": 0.2}, lambda x: F.leaky_relu(x, 0.2)),
    ("leaky_relu", {"negative_slope": -0.5}, lambda x: F.leaky_relu(x, -0.5)),
    ("elu", {}, F.elu),
    ("elu", {"alpha": 0.5}, lambda x: F.elu(x, 0.5)),
    ("celu", {}, F.celu),
    ("celu", {"alpha": 2.0}, lambda x: F.celu(x, 2.0)),
    ("hardtanh", {}, F.hardtanh),
    ("hardtanh", {"min_val": -2.0, "max_val": 3.5}, lambda x: F.hardtanh(x, -2.0, 3.5)),
    ("gelu", {}, F.gelu),
    ("gelu", {"approximate": "tanh"}, lambda x: F.gelu(x, approximate="tanh")),
    ("softplus", {}, F.softplus),
    ("softplus", {"beta": 2.0, "threshold": 5.0}, lambda x: F.softplus(x, 2.0, 5.0)),
    ("softplus", {"beta": 0.5, "threshold": 1.0}, lambda x: F.softplus(x, 0.5, 1.0)),
]


def variant(args):
    return "_".join(f"{k}_{v}" for k, v in args.items()) or "default"


def activations(fam):
    for op, args, fn in ACTIVATIONS:
        v = variant(args)
        fam.case(f"{op}/{v}/random", op, args, [randn(2, 3, 5, scale=4.0)], fn)
        fam.case(f"{op}/{v}/special_values", op, args, [SPECIAL], fn)
    fam.case("relu/scalar", "relu", {}, [torch.tensor(-2.5)], F.relu)
    fam.case("gelu/fine_grid", "gelu", {}, [torch.linspace(-8, 8, 401)], F.gelu)
    fam.error("hardtanh/min_not_below_max", "hardtanh", {"min_val": 1.0, "max_val": 1.0}, [("f32", [3])],
              "nn.Hardtanh asserts max_val > min_val")
    fam.error("celu/alpha_zero", "celu", {"alpha": 0.0}, [("f32", [3])], "celu divides by alpha")
    fam.error("gelu/bad_approximate", "gelu", {"approximate": "fast"}, [("f32", [3])],
              "approximate must be 'none' or 'tanh'")
    fam.error("relu/int_input", "relu", {}, [("i64", [3])], "activations take float inputs")


def prelu(fam):
    for name, shape, n in [("one_param_4d", (2, 3, 4, 4), 1), ("per_channel_4d", (2, 3, 4, 4), 3),
                           ("per_channel_2d", (4, 5), 5), ("per_channel_3d", (2, 4, 3), 4),
                           ("one_param_vector", (6,), 1), ("one_param_scalar", (), 1)]:
        x = torch.randn(shape) * 2.0
        fam.case(f"prelu/{name}", "prelu", {"num_parameters": n}, [x],
                 F.prelu, params=[randn(n) * 0.5])
    fam.case("prelu/special_values", "prelu", {}, [SPECIAL], F.prelu, params=[torch.tensor([0.25])])
    fam.error("prelu/num_parameters_not_c", "prelu", {"num_parameters": 3}, [("f32", [2, 4, 5])],
              "num_parameters=3 but the input has 4 channels")
    fam.error("prelu/num_parameters_on_vector", "prelu", {"num_parameters": 3}, [("f32", [3])],
              "a 1-D input has no channel dim (PyTorch 1.13 takes its channel count as 1)")


def softmax(fam):
    for op, fn in [("softmax", F.softmax), ("log_softmax", F.log_softmax)]:
        x = randn(2, 3, 4, scale=3.0)
        for d in [0, 1, 2, -1, -2]:
            fam.case(f"{op}/dim_{d}", op, {"dim": d}, [x], lambda x, d=d, fn=fn: fn(x, d))
        large = torch.tensor([[1000.0, 999.0, -1000.0, 0.0], [-1000.0, -1000.0, -999.5, -1001.0],
                              [1000.0, 1000.0, 1000.0, 1000.0]])
        fam.case(f"{op}/large_magnitude", op, {"dim": 1}, [large], lambda x, fn=fn: fn(x, 1))
        fam.case(f"{op}/large_magnitude_dim0", op, {"dim": 0}, [large], lambda x, fn=fn: fn(x, 0))
        fam.case(f"{op}/vector", op, {"dim": 0}, [randn(7)], lambda x, fn=fn: fn(x, 0))
        fam.case(f"{op}/size1_dim", op, {"dim": 1}, [randn(3, 1, 2)], lambda x, fn=fn: fn(x, 1))
        fam.case(f"{op}/scalar", op, {"dim": -1}, [torch.tensor(2.5)], lambda x, fn=fn: fn(x, -1))
        fam.error(f"{op}/dim_out_of_range", op, {"dim": 3}, [("f32", [2, 3, 4])], "dim 3 of a 3-D input")
        fam.error(f"{op}/negative_dim_out_of_range", op, {"dim": -4}, [("f32", [2, 3, 4])], "dim -4 of a 3-D input")
    fam.error("softmax/dim_missing", "softmax", {}, [("f32", [2, 3])], "dim is required")


# ---------------------------------------------------------------------------------------------
# Matrix products, embedding, dropout


def matmul(fam):
    for name, a, b in [("dot", (5,), (5,)), ("matrix", (3, 4), (4, 5)), ("vector_matrix", (4,), (4, 3)),
                       ("matrix_vector", (3, 4), (4,)), ("vector_batched", (4,), (2, 4, 3)),
                       ("batched_vector", (2, 3, 4), (4,)), ("batched_matrix", (2, 3, 4), (4, 5)),
                       ("matrix_batched", (3, 4), (2, 4, 5)), ("broadcast_ranks", (2, 1, 3, 4), (5, 4, 2)),
                       ("broadcast_both", (3, 1, 2, 4), (1, 2, 4, 3)), ("size1_dims", (1, 1, 4), (3, 4, 1)),
                       ("vector_4d", (3,), (2, 1, 3, 2)), ("k_1", (2, 3, 1), (1, 4))]:
        fam.case(f"matmul/{name}", "matmul", {}, [randn(*a), randn(*b)], torch.matmul)
    fam.case("matmul/large_magnitude", "matmul", {}, [randn(3, 8) * 1e3, randn(8, 2) * 1e3], torch.matmul)
    fam.error("matmul/inner_mismatch", "matmul", {}, [("f32", [3, 4]), ("f32", [5, 6])], "4 != 5")
    fam.error("matmul/dot_mismatch", "matmul", {}, [("f32", [3]), ("f32", [4])], "3 != 4")
    fam.error("matmul/batch_mismatch", "matmul", {}, [("f32", [2, 3, 4]), ("f32", [3, 4, 5])],
              "batch dims 2 and 3 do not broadcast")
    fam.error("matmul/scalar", "matmul", {}, [("f32", []), ("f32", [3])], "0-d inputs are refused")
    fam.error("matmul/one_input", "matmul", {}, [("f32", [3, 3])], "takes two inputs")
    fam.case("mm/basic", "mm", {}, [randn(3, 4), randn(4, 5)], torch.mm)
    fam.case("mm/size1", "mm", {}, [randn(1, 1), randn(1, 7)], torch.mm)
    fam.error("mm/batched", "mm", {}, [("f32", [2, 3, 4]), ("f32", [4, 5])], "mm takes 2-D inputs only")
    fam.error("mm/inner_mismatch", "mm", {}, [("f32", [3, 4]), ("f32", [3, 4])], "4 != 3")
    fam.case("bmm/basic", "bmm", {}, [randn(2, 3, 4), randn(2, 4, 5)], torch.bmm)
    fam.case("bmm/size1", "bmm", {}, [randn(1, 1, 3), randn(1, 3, 1)], torch.bmm)
    fam.error("bmm/matrix", "bmm", {}, [("f32", [3, 4]), ("f32", [4, 5])], "bmm takes 3-D inputs only")
    fam.error("bmm/batch_mismatch", "bmm", {}, [("f32", [2, 3, 4]), ("f32", [1, 4, 5])], "bmm does not broadcast")
    fam.error("bmm/inner_mismatch", "bmm", {}, [("f32", [2, 3, 4]), ("f32", [2, 3, 5])], "4 != 3")


def embedding(fam):
    def case(name, idx, num, dim, args=None, weight=None):
        args = dict(num_embeddings=num, embedding_dim=dim, **(args or {}))
        w = randn(num, dim) if weight is None else weight
        pad = args.get("padding_idx")
        max_norm, norm_type = args.get("max_norm"), args.get("norm_type", 2.0)
        fam.case(f"embedding/{name}", "embedding", args, [idx],
                 lambda i, w: F.embedding(i, w.clone(), pad, max_norm, norm_type), params=[w])

    case("basic", torch.randint(0, 10, (2, 3)), 10, 4)
    case("vector", torch.tensor([3, 0, 3, 9]), 10, 5)
    case("scalar", torch.tensor(2), 4, 3)
    case("three_d", torch.randint(0, 6, (2, 2, 3)), 6, 2)
    case("one_row", torch.zeros(3, dtype=torch.int64), 1, 6)
    case("padding_idx", torch.tensor([[0, 1, 2], [2, 0, 4]]), 5, 3, {"padding_idx": 0})
    case("negative_padding_idx", torch.tensor([4, 1, 4]), 5, 3, {"padding_idx": -1})
    case("max_norm", torch.tensor([[0, 1, 2, 1], [3, 4, 0, 0]]), 5, 4, {"max_norm": 1.0},
         weight=randn(5, 4) * torch.tensor([[0.1], [1.0], [3.0], [0.2], [10.0]]))
    case("max_norm_l1", torch.tensor([0, 1, 2, 3]), 4, 3, {"max_norm": 0.5, "norm_type": 1.0})
    case("max_norm_l3", torch.tensor([2, 1, 0]), 3, 5, {"max_norm": 2.0, "norm_type": 3.0},
         weight=randn(3, 5) * 2)
    fam.error("embedding/padding_idx_out_of_range", "embedding",
              {"num_embeddings": 10, "embedding_dim": 3, "padding_idx": 10}, [("i64", [4])],
              "padding_idx must be within num_embeddings")
    fam.error("embedding/negative_padding_idx_out_of_range", "embedding",
              {"num_embeddings": 10, "embedding_dim": 3, "padding_idx": -11}, [("i64", [4])],
              "padding_idx must be within num_embeddings")
    fam.error("embedding/float_indices", "embedding", {"num_embeddings": 10, "embedding_dim": 3},
              [("f32", [4])], "indices must be int64")


def dropout(fam):
    # Training-mode masks cannot match PyTorch's generator: NnDropoutTest checks their properties.
    for name, args in [("default", {}), ("p_0", {"p": 0.0}), ("p_1", {"p": 1.0}), ("p_0.2", {"p": 0.2}),
                       ("explicit_inference", {"p": 0.7, "training": False, "seed": 42})]:
        p = args.get("p", 0.5)
        fam.case(f"dropout/{name}", "dropout", args, [randn(3, 4, 5)], lambda x, p=p: F.dropout(x, p, training=False))
    fam.case("dropout/special_values", "dropout", {}, [SPECIAL], lambda x: F.dropout(x, 0.5, training=False))
    fam.error("dropout/p_above_1", "dropout", {"p": 1.5}, [("f32", [3])], "p must be a probability")
    fam.error("dropout/p_negative", "dropout", {"p": -0.1}, [("f32", [3])], "p must be a probability")
