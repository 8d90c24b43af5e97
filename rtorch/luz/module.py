"""luz's modules: ``setup()``, ``set_hparams()``, ``set_opt_hparams()``, and what ``fit()`` and
``evaluate()`` return (with ``get_metrics()`` and their printing).

    fitted = (net
              >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
              >> set_hparams(d_in = 3, d_hidden = 32, d_out = 1)
              >> set_opt_hparams(lr = 0.01)
              >> fit(train_dl, epochs = 10, valid_data = valid_dl))

``setup(module, ...)`` returns a *luz module generator*: a new ``nn_module`` generator deriving
from ``module`` (named ``luz_module``) with the methods luz needs: ``loss(input, target)``,
``set_optimizers(...)``, ``backward(loss)``, the ``metrics`` set, a ``device`` field (the
device of the first parameter) and, if the module has none, an identity ``forward``. Calling it
makes a model, as in R (``mod(10, 1)``). ``set_hparams()`` / ``set_opt_hparams()`` return a copy
holding the arguments of the model's ``initialize`` / of the optimizer (R attaches them to a
copy of the generator too).

``backward = f`` takes ``f(loss)`` or a method ``f(self, loss)``; a PyTorch optimizer class
(``torch.optim.Adam``) works as ``optimizer`` as well as R's ``optim_*``.
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

import torch

from ..named_list import NamedList
from ..nn_module import TorchModule, format_module, nn_module
from ..optim import Optimizer
from ..pipes import pipeable
from ..tensor import unwrap, wrap
from .conditions import LuzError
from .metrics import LuzMetricSet, formatted_metrics, luz_metric_set
from ..printing import rule
from .progress import pretty_sec

__all__ = ["setup", "set_hparams", "set_opt_hparams", "get_metrics", "LuzModuleGenerator",
           "LuzModuleFitted", "LuzModuleEvaluation", "metrics_frame", "is_module_like"]


class LuzModuleGenerator:
    """What ``setup()`` returns (R's ``luz_module_generator``): ``module`` is the ``nn_module``
    generator made by ``setup``; ``hparams`` / ``opt_hparams`` are named lists. Calling it makes
    a model."""

    __slots__ = ("module", "hparams", "opt_hparams")

    def __init__(self, module: type, hparams: NamedList | None = None,
                 opt_hparams: NamedList | None = None):
        self.module = module
        self.hparams = hparams
        self.opt_hparams = opt_hparams

    def __call__(self, *args: Any, **kwargs: Any) -> nn_module:
        return self.module(*args, **kwargs)

    def _replace(self, **fields: Any) -> "LuzModuleGenerator":
        values = {"module": self.module, "hparams": self.hparams,
                  "opt_hparams": self.opt_hparams, **fields}
        return LuzModuleGenerator(**values)

    def __repr__(self) -> str:
        return "<luz_module_generator>"


def is_module_like(x: Any) -> bool:
    """Whether ``x`` can be the module of a luz verb (what the pipe puts first)."""
    return (isinstance(x, (LuzModuleGenerator, torch.nn.Module, TorchModule))
            or (isinstance(x, type) and issubclass(x, torch.nn.Module)))


def _method_or_function(f: Callable, name: str) -> Callable:
    """``f(x)`` or ``f(self, x)`` as a method."""
    try:
        params = [p for p in inspect.signature(f).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        params = []
    if len(params) >= 2:
        return f

    def method(self: Any, x: Any) -> Any:
        return f(x)
    method.__name__ = name
    return method


def _default_backward(self: Any, x: Any) -> None:
    unwrap(x).backward()


def _identity(self: Any, x: Any) -> Any:
    return x


def _first_parameter_device(self: Any) -> Any:
    return wrap(next(torch.nn.Module.parameters(self))).device


@pipeable(accepts=is_module_like)
def setup(module: Any, loss: Any = None, optimizer: Any = None, metrics: Any = None,
          backward: Callable | None = None) -> LuzModuleGenerator:
    """R's ``setup(module, loss = NULL, optimizer = NULL, metrics = NULL, backward = NULL)``:
    a luz module generator from the ``nn_module`` generator ``module`` (see the module
    docstring). ``loss`` is a function or loss module ``(input, target)``; ``optimizer`` an
    optimizer generator (``optim_adam``); ``metrics`` a list of metrics or a
    ``luz_metric_set()``."""
    if isinstance(module, LuzModuleGenerator):
        module = module.module
    if isinstance(module, (torch.nn.Module, TorchModule)):
        raise TypeError("setup() takes a module generator (like `net`), not a module made from "
                        "one (`net(...)`)")
    if not (isinstance(module, type) and issubclass(module, torch.nn.Module)):
        raise TypeError(f"setup() takes an nn_module generator, got <{type(module).__name__}>")
    methods: dict[str, Any] = {}
    if isinstance(loss, type):
        raise TypeError(f"`loss` must be a function or a loss module (`{loss.__name__}()`), not "
                        "a generator")
    if loss is not None:
        def loss_method(self: Any, input: Any, target: Any) -> Any:
            return loss(input, target)
        methods["loss"] = loss_method
    elif not hasattr(module, "loss") and not hasattr(module, "step"):
        raise LuzError("No loss function has been provided.\nUse the `loss` argument or,\n"
                       "Implement the `loss` method in the `nn_module` or,\nImplement a custom "
                       "`step` method that manually optimized the parameters.")
    if optimizer is not None:
        torch_style = isinstance(optimizer, type) and issubclass(
            optimizer, torch.optim.Optimizer) and not issubclass(optimizer, Optimizer)

        def set_optimizers(self: Any, **opt_hparams: Any) -> Any:
            params = torch.nn.Module.parameters(self) if torch_style else self.parameters
            return optimizer(params, **opt_hparams)
        methods["set_optimizers"] = set_optimizers
    elif not hasattr(module, "set_optimizers"):
        raise LuzError("No optimizer definition has been provided.\nUse the optimizer argument "
                       "or,\nImplement the `set_optimizers` method in the `nn_module`.")
    if backward is not None:
        if not callable(backward):
            raise TypeError("backward should be a function with a single argument")
        methods["backward"] = _method_or_function(backward, "backward")
    else:
        methods["backward"] = _default_backward
    methods["metrics"] = metrics if isinstance(metrics, LuzMetricSet) else luz_metric_set(metrics)
    # what setup() was given, as given (luz_save() stores it by name; the accelerator moves
    # a loss module to the model's device)
    methods["_luz_setup"] = {"loss": loss, "optimizer": optimizer, "backward": backward}
    if not hasattr(module, "device"):
        methods["device"] = property(_first_parameter_device)
    if getattr(module, "forward", None) in (nn_module.forward, torch.nn.Module.forward):
        methods["forward"] = _identity
    return LuzModuleGenerator(nn_module("luz_module", inherit=module, **methods))


def _hparams(module: LuzModuleGenerator, args: tuple, kwargs: dict) -> NamedList:
    """The model's ``initialize`` arguments, all by name (positional ones named by the
    signature)."""
    out = NamedList()
    if args:
        init = getattr(module.module, "initialize", None) or module.module.__init__
        try:
            bound = inspect.signature(init).bind_partial(None, *args)
        except (TypeError, ValueError) as e:
            raise TypeError(f"set_hparams(): give the hyper-parameters by name ({e})") from None
        out.update(list(bound.arguments.items())[1:])
    out.update(kwargs)
    return out


def _luz_module(x: Any, verb: str) -> LuzModuleGenerator:
    if isinstance(x, LuzModuleGenerator):
        return x
    raise LuzError(f"`{verb}()` needs a module prepared with `setup()`: "
                   f"`net >> setup(loss = ..., optimizer = ...) >> {verb}(...)`; got "
                   f"<{getattr(x, '__name__', type(x).__name__)}>")


@pipeable(accepts=is_module_like)
def set_hparams(module: Any, *args: Any, **kwargs: Any) -> LuzModuleGenerator:
    """R's ``set_hparams(module, ...)``: the arguments the model is made with
    (``initialize(...)``) when fitting; replaces any set before."""
    module = _luz_module(module, "set_hparams")
    return module._replace(hparams=_hparams(module, args, kwargs))


@pipeable(accepts=is_module_like)
def set_opt_hparams(module: Any, **kwargs: Any) -> LuzModuleGenerator:
    """R's ``set_opt_hparams(module, ...)``: the arguments the optimizer is made with
    (``optim_adam(parameters, lr = 0.1)`` for ``set_opt_hparams(lr = 0.1)``)."""
    module = _luz_module(module, "set_opt_hparams")
    return module._replace(opt_hparams=NamedList(kwargs))


# -- what fit() and evaluate() return --------------------------------------------------------

def _bullet(text: str, mark: str = "•") -> str:
    return f"{mark} {text}"


class LuzModuleFitted(NamedList):
    """What ``fit()`` returns (R's ``luz_module_fitted``): a named list with ``model`` (the
    trained model), ``records`` (logged metrics and times) and ``ctx`` (``hparams``,
    ``opt_hparams``). Prints as luz prints it; ``predict()``, ``evaluate()``,
    ``get_metrics()``, ``plot()``, ``luz_save()`` take it."""

    __slots__ = ()

    def format(self) -> str:
        """luz's ``print()`` of a fitted model."""
        records = self["records"]
        profile = records.get("profile") or {}
        has_valid = bool(profile.get("valid"))
        lines = ["A `luz_module_fitted`", rule("Time"),
                 _bullet("Total time: " + pretty_sec(sum(profile.get("fit") or [0.0]))),
                 _bullet("Avg time per training epoch: " + pretty_sec(_mean(profile.get("train"))))]
        if has_valid:
            lines.append(_bullet("Avg time per validation epoch "
                                 + pretty_sec(_mean(profile.get("valid")))))
        lines += ["", rule("Results"), "Metrics observed in the last epoch.", "",
                  _bullet("Training:", "ℹ")]
        lines += _metric_lines(self, "train")
        if has_valid:
            lines.append(_bullet("Validation:", "ℹ"))
            lines += _metric_lines(self, "valid")
        lines += ["", rule("Model"), format_module(self["model"])]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.format()

    __str__ = __repr__


class LuzModuleEvaluation(LuzModuleFitted):
    """What ``evaluate()`` returns (R's ``luz_module_evaluation``)."""

    __slots__ = ()

    def format(self) -> str:
        """luz's ``print()`` of an evaluation."""
        return "\n".join(["A `luz_module_evaluation`", rule("Results"),
                          *_metric_lines(self, "valid")])


def _mean(values: Any) -> float:
    values = [v for v in (values or []) if v is not None]
    return sum(values) / len(values) if values else 0.0


def _last(entries: list) -> Any:
    return entries[-1] if entries else None


def _metric_lines(obj: NamedList, set: str) -> list[str]:
    values = _last(obj["records"]["metrics"].get(set) or [])
    return [f"{k}: {v}" for k, v in formatted_metrics(values, obj["model"], set).items()]


def metrics_frame(records: Any):
    """luz's ``get_metrics()`` data frame: one row per set, epoch and metric (columns ``set``,
    ``metric``, ``epoch``, ``value``; a metric with several values, like the losses of several
    optimizers, gives columns ``value.<name>``)."""
    from ..lazy import require
    pd = require("pandas", "luz", "get_metrics()")
    rows = []
    for set_name, epochs in (records.get("metrics") or {}).items():
        for epoch, values in enumerate(epochs or [], 1):
            for name, value in (values or {}).items():
                row: dict[str, Any] = {"set": set_name, "metric": name, "epoch": epoch}
                if isinstance(value, dict):
                    row.update({f"value.{k}": v for k, v in value.items()})
                elif isinstance(value, (list, tuple)):
                    row.update({f"value.{i}": v for i, v in enumerate(value, 1)})
                else:
                    row["value"] = value
                rows.append(row)
    frame = pd.DataFrame(rows, columns=None if rows else ["set", "metric", "epoch", "value"])
    if rows:
        frame["epoch"] = frame["epoch"].astype("int64")
    return frame


def _can_have_metrics(x: Any) -> bool:
    from .context import Context, _ActiveContext
    return isinstance(x, (LuzModuleFitted, Context, _ActiveContext)) or is_module_like(x)


@pipeable(accepts=_can_have_metrics)
def get_metrics(object: Any) -> Any:
    """R's ``get_metrics(object)``: a pandas data frame of the metrics of a fitted model (or a
    context): ``set``, ``metric``, ``epoch``, ``value``; of an evaluation: ``metric``,
    ``value``."""
    from .context import Context, _ActiveContext, active_context
    if isinstance(object, _ActiveContext):
        object = active_context()
    if isinstance(object, Context):
        return metrics_frame(object.records)
    if not isinstance(object, LuzModuleFitted):
        raise TypeError(f"get_metrics() takes a fitted model, an evaluation or a context, got "
                        f"<{type(object).__name__}>")
    frame = metrics_frame(object["records"])
    if isinstance(object, LuzModuleEvaluation):
        return frame[[c for c in frame.columns if c not in ("set", "epoch")]]
    return frame
