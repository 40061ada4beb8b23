use super::rules::*;
use super::*;

#[test]
fn rules_name_the_bound_and_the_value() {
    assert_eq!(min(&3, &1), Ok(()));
    assert_eq!(min(&0, &1), Err("must be at least 1, is 0".to_owned()));
    assert_eq!(max(&2.5, &2.0), Err("must be at most 2, is 2.5".to_owned()));
    assert_eq!(min_length("héé", 3), Ok(()));
    assert_eq!(
        max_length(&vec![1, 2, 3], 2),
        Err("must have at most 2 elements, has 3".to_owned())
    );
    assert_eq!(non_blank(" \t"), Err("must not be blank".to_owned()));
    assert_eq!(one_of(&"b".to_owned(), &["a", "b"]), Ok(()));
    assert_eq!(
        one_of(&7, &[1, 2]),
        Err("must be one of [1, 2], is 7".to_owned())
    );
}

#[test]
fn failures_list_every_rule_in_one_message() {
    let mut failures = Failures::new();
    failures.check("", "age", "min", min(&0, &1));
    failures.check("home", "name", "non_blank", non_blank(""));
    failures.check("", "ok", "max", max(&1, &2));
    let error = failures.into_result("users").unwrap_err();
    assert_eq!(error.failures.len(), 2);
    assert_eq!(
        error.to_string(),
        "validation failed for table `users`: `age` breaks `min`: must be at least 1, is 0; \
         `home.name` breaks `non_blank`: must not be blank"
    );
}
