# Homebrew formula: installs the release binary for the Mac's architecture (or Linux's).
#   brew tap presetlint/presetlint https://github.com/presetlint/presetlint
#   brew install presetlint/presetlint/presetlint
# The sha256 values are those of the release's .sha256 files; scripts/release-formula.sh
# (run after a release) fills them in.
class Presetlint < Formula
  desc "Lints OffShoot Pro presets for their iconik sidecar settings"
  homepage "https://github.com/presetlint/presetlint"
  version "0.1.0"
  license "MIT"

  base = "https://github.com/presetlint/presetlint/releases/download/v#{version}/presetlint-v#{version}"
  on_macos do
    on_arm do
      url "#{base}-aarch64-apple-darwin.tar.gz"
      sha256 "0000000000000000000000000000000000000000000000000000000000000000"
    end
    on_intel do
      url "#{base}-x86_64-apple-darwin.tar.gz"
      sha256 "0000000000000000000000000000000000000000000000000000000000000000"
    end
  end
  on_linux do
    on_arm do
      url "#{base}-aarch64-unknown-linux-musl.tar.gz"
      sha256 "0000000000000000000000000000000000000000000000000000000000000000"
    end
    on_intel do
      url "#{base}-x86_64-unknown-linux-musl.tar.gz"
      sha256 "0000000000000000000000000000000000000000000000000000000000000000"
    end
  end

  def install
    bin.install "presetlint"
    generate_completions_from_executable(bin/"presetlint", "completions")
    system bin/"presetlint", "man", "--output-dir", buildpath/"man"
    man1.install Dir[buildpath/"man/*.1"]
  end

  test do
    assert_match version.to_s, shell_output("#{bin}/presetlint --version")
    (testpath/"bad.json").write '{"iconikSidecarExtensions": [".R3D;.MOV"]}'
    output = shell_output("#{bin}/presetlint check --format concise #{testpath}/bad.json", 1)
    assert_match "PL101 list-in-string", output
  end
end
