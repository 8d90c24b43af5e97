"""rtorch.luz: R's ``luz`` (training loops for ``nn_module``s) over rtorch and PyTorch.

``from rtorch.luz import *`` is R's ``library(luz)``: every name luz exports, with luz's
arguments, defaults, output and file formats; R's ``%>%`` is ``>>`` (:mod:`rtorch.pipes`):

    fitted = (net
              >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
              >> set_hparams(d_in = d_in, d_hidden = d_hidden, d_out = d_out)
              >> fit(train_dl, epochs = 200, valid_data = valid_dl))

Also exported: R's generics as luz extends them, ``predict(fitted, newdata)`` and
``plot(fitted)``, and ``ctx``, the running context (R's free variable ``ctx`` inside callbacks,
metrics and model methods). Not star-exported: the class forms ``LuzCallback`` and
``LuzMetric``, and :func:`~rtorch.luz.conditions.signal` (R's ``rlang::signal``).

Modules: :mod:`~rtorch.luz.module` (``setup``, fitted objects), :mod:`~rtorch.luz.fit` (the
loop), :mod:`~rtorch.luz.context` (``ctx``), :mod:`~rtorch.luz.callbacks`,
:mod:`~rtorch.luz.metrics`, :mod:`~rtorch.luz.progress` (output),
:mod:`~rtorch.luz.accelerator`, :mod:`~rtorch.luz.data` (``as_dataloader``),
:mod:`~rtorch.luz.serialization`, :mod:`~rtorch.luz.lr_finder`, :mod:`~rtorch.luz.mixup`,
:mod:`~rtorch.luz.tfevents`, :mod:`~rtorch.luz.plotting`.
"""
from __future__ import annotations

from .accelerator import accelerator
from .callbacks import (LuzCallback, luz_callback, luz_callback_auto_resume,  # noqa: F401
                        luz_callback_csv_logger, luz_callback_early_stopping,
                        luz_callback_gradient_clip, luz_callback_interrupt,
                        luz_callback_keep_best_model, luz_callback_lr_scheduler,
                        luz_callback_metrics, luz_callback_mixed_precision,
                        luz_callback_model_checkpoint, luz_callback_profile,
                        luz_callback_progress, luz_callback_resume_from_checkpoint,
                        luz_callback_train_valid)
from .conditions import LuzCallbackError, LuzError, LuzValueError, signal  # noqa: F401
from .context import ctx
from .data import as_dataloader
from .fit import evaluate, fit, predict
from .lr_finder import lr_finder
from .metrics import (LuzMetric, luz_metric, luz_metric_accuracy,  # noqa: F401
                      luz_metric_binary_accuracy,
                      luz_metric_binary_accuracy_with_logits, luz_metric_binary_auroc,
                      luz_metric_mae, luz_metric_mse, luz_metric_multiclass_auroc,
                      luz_metric_rmse, luz_metric_set)
from .mixup import luz_callback_mixup, nn_mixup_loss, nnf_mixup
from .module import get_metrics, set_hparams, set_opt_hparams, setup
from .plotting import plot
from .serialization import (luz_load, luz_load_checkpoint, luz_load_model_weights, luz_save,
                            luz_save_model_weights)
from .tfevents import luz_callback_tfevents

#: R's luz exports (``%>%`` is Python's ``>>``) and the generics luz extends
__all__ = sorted([
    "accelerator", "as_dataloader", "evaluate", "fit", "get_metrics", "lr_finder",
    "luz_callback", "luz_callback_auto_resume", "luz_callback_csv_logger",
    "luz_callback_early_stopping", "luz_callback_gradient_clip", "luz_callback_interrupt",
    "luz_callback_keep_best_model", "luz_callback_lr_scheduler", "luz_callback_metrics",
    "luz_callback_mixed_precision", "luz_callback_mixup", "luz_callback_model_checkpoint",
    "luz_callback_profile", "luz_callback_progress", "luz_callback_resume_from_checkpoint",
    "luz_callback_tfevents", "luz_callback_train_valid", "luz_load", "luz_load_checkpoint",
    "luz_load_model_weights", "luz_metric", "luz_metric_accuracy", "luz_metric_binary_accuracy",
    "luz_metric_binary_accuracy_with_logits", "luz_metric_binary_auroc", "luz_metric_mae",
    "luz_metric_mse", "luz_metric_multiclass_auroc", "luz_metric_rmse", "luz_metric_set",
    "luz_save", "luz_save_model_weights", "nn_mixup_loss", "nnf_mixup", "set_hparams",
    "set_opt_hparams", "setup",
    "ctx", "predict", "plot",
])
