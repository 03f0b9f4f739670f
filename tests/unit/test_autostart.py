"""The login entry: written whole and private, read back as a launcher reads it, only ours removed."""

import stat

import pytest

from goldseam import autostart


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


@pytest.mark.parametrize("command", [
    ["/usr/bin/goldseam", "--background"],
    ["/home/a person/.venv/bin/goldseam", "--data-dir", "/data/\"quoted\" $HOME `x` \\ 100% ü 日本", "--background"],
    ["/tmp/line\nbreak\ttab", "--background"],
    ["", "x"],
])
def test_an_exec_line_reads_back_as_the_same_arguments(command):
    line = autostart.exec_line(command)
    assert "\n" not in line
    assert autostart.split_exec(line) == command


def test_turned_on_then_off(config):
    assert not autostart.is_on()
    autostart.turn_on(["/usr/bin/goldseam", "--background"])
    entry = config / "autostart" / "io.github.goldseam.Goldseam.desktop"
    assert autostart.is_on() and stat.S_IMODE(entry.stat().st_mode) == 0o600
    text = entry.read_text()
    assert "Exec=/usr/bin/goldseam --background\n" in text and "Type=Application" in text
    assert "TryExec=/usr/bin/goldseam\n" in text, "a program removed since is not started"
    assert autostart.is_on(["/usr/bin/goldseam", "--background"])
    assert not autostart.is_on(["/opt/goldseam/goldseam", "--background"]), "another installation's entry"
    assert not autostart.is_on(["/usr/bin/goldseam", "--data-dir", "/other", "--background"]), "another folder's"
    assert [p.name for p in entry.parent.iterdir()] == [entry.name], "no temporary file left"
    autostart.turn_off()
    assert not entry.exists() and not autostart.is_on()
    autostart.turn_off()        # twice is fine


def test_an_entry_the_person_wrote_is_left_alone_and_a_hidden_one_is_off(config):
    entry = config / "autostart" / "io.github.goldseam.Goldseam.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nType=Application\nExec=goldseam\n")
    assert not autostart.is_on()
    autostart.turn_off()
    assert entry.exists()
    autostart.turn_on(["goldseam", "--background"])
    entry.write_text(entry.read_text() + "Hidden=true\n")
    assert not autostart.is_on()


def test_the_launch_command_ends_in_background_and_names_a_chosen_folder():
    command = autostart.launch_command("/my data")
    assert command[-3:] == ["--data-dir", "/my data", "--background"]
    assert autostart.launch_command()[-1] == "--background"
