//! README's example output is what `cargo run --release -- match --data data/lancashire` prints.

use assert_cmd::Command;

#[test]
fn readme_example_output_is_true() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let block = readme
        .split("<!-- BEGIN example-output -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- END example-output -->").next())
        .expect("README has an example-output block");
    let example = block
        .trim()
        .trim_start_matches("```text")
        .trim_end_matches("```")
        .trim_matches('\n');
    assert!(readme.contains("cargo run --release -- match --data data/lancashire"));
    let output = Command::cargo_bin("righthome")
        .expect("binary")
        .args(["match", "--data", "data/lancashire"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(example.lines().count() >= 10);
    assert!(
        stdout.starts_with(example),
        "README example differs from the output:\n{stdout}"
    );
}
