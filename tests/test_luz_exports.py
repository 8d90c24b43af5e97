"""Every name R's luz exports exists in ``rtorch.luz`` and is exercised by a test that trains a
model for real; ``from rtorch.luz import *`` gives them (R's ``%>%`` is ``>>``); rtorch's core
never imports ``rtorch.luz``."""
from __future__ import annotations

import importlib
import inspect
import os
import re

import rtorch
import rtorch.luz
from rtorch.pipes import Stage
from test_coverage import r_names

#: each luz export -> "module::test" that trains a model using it
COVERED_BY = {
    "%>%": "test_luz_fit::test_seed_luz_block_reports_train_and_valid_loss_per_epoch",
    "accelerator": "test_luz_output::test_accelerator_places_model_and_batches",
    "as_dataloader": "test_luz_fit::test_as_dataloader_converts_data_like_luz",
    "evaluate": "test_luz_fit::test_evaluate_reports_loss_and_metrics",
    "fit": "test_luz_fit::test_seed_luz_block_reports_train_and_valid_loss_per_epoch",
    "get_metrics": "test_luz_fit::test_get_metrics_has_a_row_per_set_epoch_and_metric",
    "lr_finder": "test_luz_output::test_lr_finder_sweeps_the_learning_rate_and_plots",
    "luz_callback": "test_luz_callbacks::test_custom_callback_sees_luz_ctx_fields_as_self_ctx_and_ctx",
    "luz_callback_auto_resume":
        "test_luz_serialization::test_auto_resume_ends_at_the_weights_of_an_uninterrupted_run",
    "luz_callback_csv_logger": "test_luz_callbacks::test_csv_logger_writes_one_line_per_epoch_and_set",
    "luz_callback_early_stopping": "test_luz_callbacks::test_early_stopping_stops_before_the_epoch_limit",
    "luz_callback_gradient_clip": "test_luz_callbacks::test_gradient_clip_bounds_the_gradient_norm",
    "luz_callback_interrupt": "test_luz_callbacks::test_stopping_from_a_callback_by_signal_or_interrupt",
    "luz_callback_keep_best_model": "test_luz_callbacks::test_keep_best_model_restores_the_best_epoch",
    "luz_callback_lr_scheduler": "test_luz_callbacks::test_lr_scheduler_steps_the_optimizer",
    "luz_callback_metrics": "test_luz_metrics::test_accuracy_recorded_by_fit_matches_the_batches_it_saw",
    "luz_callback_mixed_precision":
        "test_luz_callbacks::test_mixed_precision_autocasts_the_forward_pass",
    "luz_callback_mixup": "test_luz_callbacks::test_mixup_functions_and_callback",
    "luz_callback_model_checkpoint":
        "test_luz_callbacks::test_model_checkpoint_files_appear_and_reload",
    "luz_callback_profile":
        "test_luz_callbacks::test_profile_records_times_and_train_valid_sets_modes",
    "luz_callback_progress": "test_luz_callbacks::test_progress_bar_is_drawn_when_forced_and_cleared",
    "luz_callback_resume_from_checkpoint":
        "test_luz_serialization::test_resume_from_checkpoint_restores_the_model",
    "luz_callback_tfevents": "test_luz_callbacks::test_tfevents_writes_scalars_and_histograms",
    "luz_callback_train_valid":
        "test_luz_callbacks::test_profile_records_times_and_train_valid_sets_modes",
    "luz_load": "test_luz_serialization::test_luz_save_and_luz_load_round_trip",
    "luz_load_checkpoint": "test_luz_callbacks::test_model_checkpoint_files_appear_and_reload",
    "luz_load_model_weights": "test_luz_serialization::test_model_weights_save_and_load",
    "luz_metric": "test_luz_metrics::test_custom_metric_with_inherit_super_and_format",
    "luz_metric_accuracy": "test_luz_metrics::test_accuracy_recorded_by_fit_matches_the_batches_it_saw",
    "luz_metric_binary_accuracy":
        "test_luz_metrics::test_binary_metrics_recorded_by_fit_match_the_batches_they_saw",
    "luz_metric_binary_accuracy_with_logits":
        "test_luz_metrics::test_binary_metrics_recorded_by_fit_match_the_batches_they_saw",
    "luz_metric_binary_auroc":
        "test_luz_metrics::test_binary_metrics_recorded_by_fit_match_the_batches_they_saw",
    "luz_metric_mae": "test_luz_fit::test_evaluate_reports_loss_and_metrics",
    "luz_metric_mse": "test_luz_fit::test_evaluate_reports_loss_and_metrics",
    "luz_metric_multiclass_auroc":
        "test_luz_metrics::test_metrics_accumulate_on_the_device_without_a_sync_per_batch",
    "luz_metric_rmse": "test_luz_fit::test_evaluate_reports_loss_and_metrics",
    "luz_metric_set": "test_luz_fit::test_get_metrics_has_a_row_per_set_epoch_and_metric",
    "luz_save": "test_luz_serialization::test_luz_save_and_luz_load_round_trip",
    "luz_save_model_weights": "test_luz_serialization::test_model_weights_save_and_load",
    "nn_mixup_loss": "test_luz_callbacks::test_mixup_functions_and_callback",
    "nnf_mixup": "test_luz_callbacks::test_mixup_functions_and_callback",
    "set_hparams": "test_luz_fit::test_valid_data_fraction_splits_the_data",
    "set_opt_hparams": "test_luz_fit::test_valid_data_fraction_splits_the_data",
    "setup": "test_luz_fit::test_valid_data_fraction_splits_the_data",
}


def test_every_luz_export_exists():
    names = r_names("luz-exports.txt")
    assert len(names) == 44
    missing = [n for n in names if n != "%>%" and not hasattr(rtorch.luz, n)]
    assert missing == []
    assert isinstance(rtorch.luz.fit(epochs = 1), Stage)          # `%>%` is `>>`
    assert {n for n in names if n != "%>%"} <= set(rtorch.luz.__all__)


def test_every_luz_export_has_a_training_test():
    names = r_names("luz-exports.txt")
    assert sorted(COVERED_BY) == sorted(names)
    for name, ref in COVERED_BY.items():
        module_name, test = ref.split("::")
        module = importlib.import_module(module_name)
        fn = getattr(module, test, None)
        assert callable(fn), f"{name}: {ref} is missing"
        source = inspect.getsource(fn)
        trainers = {"fit", "lr_finder"} | {          # the module's helpers that call fit()
            n for n, f in vars(module).items() if inspect.isfunction(f)
            and f.__module__ == module_name and "fit(" in inspect.getsource(f)}
        trains = any(re.search(rf"\b{t}\(", source) for t in trainers)
        assert trains and (name in source or name == "%>%" and ">>" in source), name


def test_star_import_matches_all():
    ns: dict = {}
    exec("from rtorch.luz import *", ns)
    assert {n for n in ns if not n.startswith("__")} == set(rtorch.luz.__all__)
    assert {"ctx", "predict", "plot"} <= set(ns)


def test_the_core_never_imports_luz():
    folder = os.path.dirname(rtorch.__file__)
    pattern = re.compile(r"^\s*(from\s+(\.|rtorch\.)luz|import\s+rtorch\.luz|from\s+\.\s+import\s+luz)",
                         re.M)
    for name in os.listdir(folder):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                assert not pattern.search(f.read()), name
