"""Tests for the batched Discussion 3 study (assignments/disc3/experiment.py)."""

import csv
import os

import numpy as np
import pytest
import torch

from assignments.disc3 import experiment
from assignments.disc3.experiment import (
    COURSE_SEEDS, OPTIMIZERS, WIDTHS, Study, distance_to_nearest_kink, draw_median_with_bars,
    elbows, evaluation_steps, initial_parameters, make_dataset, median_and_percentile_bars,
    one_cpu_thread, run_experiment, shard_slices, start_training, train_study, training_step,
    minibatch_blocks, worker_count,
)

TEST_SEEDS = COURSE_SEEDS[:2]
STEPS = 50


def reference_optimizer(name, params):
    """The torch.optim optimizer the notebook uses for `name`."""
    return {
        "sgd": lambda: torch.optim.SGD(params, lr=0.02),
        "sgd_momentum": lambda: torch.optim.SGD(params, lr=0.02, momentum=0.9),
        "adam": lambda: torch.optim.Adam(params, lr=0.02),
    }[name]()


def reference_net(row, width, hidden):
    """nn.Sequential with the first `width` units of a theta row (float64)."""
    net = torch.nn.Sequential(torch.nn.Linear(1, width), torch.nn.ReLU(),
                              torch.nn.Linear(width, 1)).double()
    with torch.no_grad():
        net[0].weight.copy_(row[:width, None])
        net[0].bias.copy_(row[hidden:hidden + width])
        net[2].weight.copy_(row[None, 2 * hidden:2 * hidden + width])
        net[2].bias.copy_(row[3 * hidden:])
    return net


def flat_parameters(net, width, hidden):
    """A net's parameters in theta's padded row layout."""
    row = torch.zeros(3 * hidden + 1, dtype=torch.float64)
    row[:width] = net[0].weight.detach().ravel()
    row[hidden:hidden + width] = net[0].bias.detach()
    row[2 * hidden:2 * hidden + width] = net[2].weight.detach().ravel()
    row[3 * hidden] = net[2].bias.detach()[0]
    return row


def test_initial_parameters_are_torch_default_nets_with_elbows_in_unit_interval():
    hidden = max(WIDTHS)
    theta = initial_parameters(WIDTHS, TEST_SEEDS, hidden, torch.float64)
    for k, (width, seed) in enumerate((w, s) for w in WIDTHS for s in TEST_SEEDS):
        torch.manual_seed(seed)
        built = {}
        for w in WIDTHS:  # the notebook's order: per seed, one net per width
            built[w] = (torch.nn.Linear(1, w), torch.nn.Linear(w, 1))
        first, second = built[width]
        row = theta[k]
        torch.testing.assert_close(row[:width], first.weight.detach().double().ravel())
        torch.testing.assert_close(row[2 * hidden:2 * hidden + width],
                                   second.weight.detach().double().ravel())
        torch.testing.assert_close(row[3 * hidden], second.bias.detach().double()[0])
        elbow = (-row[hidden:hidden + width] / row[:width]).numpy()
        assert np.all((elbow >= 0) & (elbow <= 1)) and np.all(np.diff(elbow) >= 0)
        assert not row[width:hidden].any() and not row[2 * hidden + width:3 * hidden].any()


def test_batched_training_matches_torch_optim_step_for_step():
    study = Study(WIDTHS, OPTIMIZERS, TEST_SEEDS)
    hidden = study.hidden
    data = make_dataset()
    x, y = torch.from_numpy(data.x_train), torch.from_numpy(data.y_train)
    theta, groups = start_training(study, torch.float64)
    batches = np.random.RandomState(7).randint(x.shape[0], size=(STEPS, theta.shape[0], 40))

    references = {}
    for name in OPTIMIZERS:
        for width in WIDTHS:
            for row in range(theta.shape[0])[study.rows(name, width)]:
                net = reference_net(theta[row], width, hidden)
                references[row] = (net, reference_optimizer(name, net.parameters()), width)
    assert sorted(references) == list(range(theta.shape[0]))

    loss_fn = torch.nn.MSELoss()
    for step in range(STEPS):
        batch = torch.from_numpy(batches[step])
        batched_loss = training_step(theta, hidden, groups, x[batch], y[batch])
        for row, (net, optimizer, width) in references.items():
            idx = batch[row]
            loss = loss_fn(net(x[idx][:, None]), y[idx][:, None])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            torch.testing.assert_close(batched_loss[row], loss.detach(), rtol=1e-10, atol=1e-13)
            torch.testing.assert_close(theta[row], flat_parameters(net, width, hidden),
                                       rtol=1e-9, atol=1e-12,
                                       msg=lambda m: f"row {row} step {step + 1}: {m}")


def test_padded_units_stay_exactly_zero():
    study = Study((3, 5), OPTIMIZERS, TEST_SEEDS[:1])
    theta, groups = start_training(study, torch.float64)
    data = make_dataset()
    x, y = torch.from_numpy(data.x_train[:40]), torch.from_numpy(data.y_train[:40])
    for _ in range(20):
        training_step(theta, 5, groups, x.expand(theta.shape[0], -1), y.expand(theta.shape[0], -1))
    for name in OPTIMIZERS:
        narrow = theta[study.rows(name, 3)]
        assert not narrow[:, [3, 4, 8, 9, 13, 14]].any()


def test_percentile_bars_span_25th_to_75th_percentile():
    # Column 0 sorted: 0, 1, 2, 10, 100 -> median 2; linear interpolation puts P25 at
    # position 0.25 * 4 = 1 (value 1) and P75 at position 3 (value 10): yerr = (2-1, 10-2).
    # Column 1 is 1..5: median 3, P25 2, P75 4: yerr = (1, 1).
    values = np.array([[10.0, 1.0], [0.0, 2.0], [100.0, 3.0], [2.0, 4.0], [1.0, 5.0]])
    median, yerr = median_and_percentile_bars(values)
    np.testing.assert_array_equal(median, [2.0, 3.0])
    np.testing.assert_array_equal(yerr, [[1.0, 1.0], [8.0, 1.0]])

    from matplotlib.figure import Figure
    bars = draw_median_with_bars(Figure().subplots(), np.array([1.0, 2.0]), values)
    segments = bars.lines[2][0].get_segments()
    np.testing.assert_allclose([seg[:, 1] for seg in segments], [[1.0, 10.0], [2.0, 4.0]])


def test_evaluation_steps_follow_the_notebook_schedule():
    assert evaluation_steps(30000) == (1, *range(3000, 30001, 3000))
    assert evaluation_steps(25) == (1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 25)


def test_dataset_follows_the_notebook_recipe():
    data = make_dataset()
    assert data.x_train.shape == (200,) and data.x_test.shape == (1200,)
    assert np.all(np.diff(data.x_train) >= 0) and np.all(np.diff(data.x_test) >= 0)
    assert np.isin(data.x_train, data.x_test).all()
    noise = data.y_train - experiment.target(data.x_train)
    assert 0.008 < noise.std() < 0.012


def test_elbows_and_kink_distance_on_hand_examples():
    hidden = 2
    theta = np.array([[2.0, 0.0, -1.0, 0.0, 1.0, 0.0, 0.0]])  # w1 = (2, 0), b1 = (-1, 0)
    e = elbows(theta, hidden)
    assert e[0, 0] == 0.5 and np.isnan(e[0, 1])
    np.testing.assert_allclose(distance_to_nearest_kink(np.array([0.27, 0.5, 0.0])),
                               [0.03, 0.0, 0.1])


def test_one_cpu_thread_restores_the_thread_count():
    previous = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        with one_cpu_thread("cpu"):
            assert torch.get_num_threads() == 1
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(previous)


def test_quick_run_writes_plot_and_table(tmp_path):
    result = run_experiment(tmp_path, quick=True, device="cpu", progress=False)
    assert result.device == "cpu"
    assert result.plot_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    expected = [(w, name) for w in WIDTHS for name in OPTIMIZERS]
    assert [(row.width, row.optimizer) for row in result.rows] == expected
    for row in result.rows:
        assert 0 < row.test_p25 <= row.test_median <= row.test_p75 < np.inf
        assert 0 < row.train_p25 <= row.train_median <= row.train_p75 < np.inf
    lines = result.table_path.read_text().splitlines()
    body = [line.split("|")[1:3] for line in lines if line.startswith("| ") and "width" not in line]
    assert [(int(w), name.strip()) for w, name in body] == expected
    with result.csv_path.open() as handle:
        table = list(csv.DictReader(handle))
    assert [(int(r["width"]), r["optimizer"]) for r in table] == expected
    assert all(int(r["seeds"]) == experiment.QUICK_SEEDS for r in table)


def test_rejects_seed_count_outside_course_list(tmp_path):
    with pytest.raises(ValueError, match="seeds"):
        run_experiment(tmp_path, seeds=31, steps=1, progress=False)


def test_shards_cover_every_row_once_in_order():
    assert shard_slices(270, 2) == [slice(0, 135), slice(135, 270)]
    assert shard_slices(10, 3) == [slice(0, 3), slice(3, 7), slice(7, 10)]
    assert shard_slices(2, 5) == [slice(0, 1), slice(1, 2)]  # never an empty shard


def test_minibatches_are_one_draw_per_step_from_the_seeded_generator():
    generator = torch.Generator().manual_seed(experiment.MINIBATCH_SEED)
    per_step = [torch.randint(200, (6, experiment.BATCH_SIZE), generator=generator) for _ in range(7)]
    blocks = list(minibatch_blocks(6, 200, 7, "cpu", block=3))  # blocks of 3, 3 and 1 steps
    assert len(blocks) == 7
    for drawn, expected in zip(blocks, per_step):
        assert torch.equal(drawn, expected)


def test_workers_default_to_the_cores_on_cpu_and_one_on_a_gpu():
    assert 1 <= worker_count("cpu") <= os.cpu_count()
    assert worker_count("cpu", 3) == 3
    assert worker_count("cuda", 3) == 1
    with pytest.raises(ValueError, match="workers"):
        worker_count("cpu", 0)


def test_sharded_training_gives_the_same_numbers_as_one_process():
    study = Study(WIDTHS, OPTIMIZERS, TEST_SEEDS)  # 18 rows: shards cut optimizer blocks apart
    data = make_dataset()
    one = train_study(study, data, 40, "cpu", progress=False, workers=1)
    many = train_study(study, data, 40, "cpu", progress=False, workers=4)
    assert one.steps == many.steps
    for name in ("train_error", "test_error", "initial_theta", "final_theta"):
        np.testing.assert_array_equal(getattr(many, name), getattr(one, name), err_msg=name)


def test_quick_study_on_two_workers_writes_the_same_table_and_figure(tmp_path):
    one = run_experiment(tmp_path / "one", quick=True, device="cpu", workers=1, progress=False)
    two = run_experiment(tmp_path / "two", quick=True, device="cpu", workers=2, progress=False)
    assert (one.workers, two.workers) == (1, 2)
    assert two.rows == one.rows
    assert two.table_path.read_text() == one.table_path.read_text()
    assert two.csv_path.read_text() == one.csv_path.read_text()
    assert two.plot_path.read_bytes() == one.plot_path.read_bytes()


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
def test_cuda_study_trains_on_the_same_minibatches_as_the_cpu(tmp_path):
    cpu = run_experiment(tmp_path / "cpu", quick=True, device="cpu", workers=1, progress=False)
    cuda = run_experiment(tmp_path / "cuda", quick=True, device="cuda", progress=False)
    assert cuda.device == "cuda" and cuda.workers == 1
    for on_cpu, on_cuda in zip(cpu.rows, cuda.rows):  # float32 on another device: close, not equal
        assert (on_cuda.width, on_cuda.optimizer) == (on_cpu.width, on_cpu.optimizer)
        np.testing.assert_allclose(on_cuda.test_median, on_cpu.test_median, rtol=1e-2)
        np.testing.assert_allclose(on_cuda.train_median, on_cpu.train_median, rtol=1e-2)
