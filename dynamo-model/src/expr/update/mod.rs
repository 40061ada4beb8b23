//! Update expressions: SET, REMOVE, ADD and DELETE actions on typed paths.

mod action;

use aws_sdk_dynamodb::types::AttributeValue;

use action::{Action, SetValue, render_action};

use super::path::{RawPath, Segment, UpdatePath};
use super::placeholder::{Expression, Placeholders};
use super::typing::{Addable, List, Map, Numeric, Operand, Removable, Set, ValueOf};
use crate::value::ConversionError;

/// The actions of one UpdateItem, merged into one update expression. The actions are the
/// methods of [`UpdateActions`]; each checks its types at compile time: `add` on numbers and
/// sets, `discard` on sets with elements of the set's type, `unset` on optional attributes, and
/// no action on a key attribute.
///
/// ```
/// use dynamo_model::expr::{Update, UpdateActions};
/// use dynamo_model::Model;
///
/// #[derive(Model)]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     name: String,
///     lives: u8,
///     nickname: Option<String>,
///     toys: std::collections::BTreeSet<String>,
/// }
///
/// let f = Cat::fields();
/// let update = Update::new()
///     .set(&f.name, "Tom")
///     .increment(&f.lives, 1)
///     .unset(&f.nickname)
///     .add(&f.toys, std::collections::BTreeSet::from(["ball".to_owned()]));
/// assert_eq!(
///     update.build()?.text,
///     "SET #n0 = :v0, #n1 = #n1 + :v1 REMOVE #n2 ADD #n3 :v2"
/// );
/// # Ok::<(), dynamo_model::ConversionError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Update {
    actions: Vec<Action>,
    /// Marked by [`UpdateActions::counter_update`]: the model's version and `updated_at` stay.
    counter: bool,
}

impl Update {
    /// No actions yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the update leaves the model's version and `updated_at` alone: it was marked with
    /// [`UpdateActions::counter_update`], or every action changes one of `counters` (the
    /// model's `#[dynamo(counter)]` attributes).
    pub fn is_counter_update(&self, counters: &[&str]) -> bool {
        self.counter
            || (!self.actions.is_empty()
                && self.actions.iter().all(|action| {
                    matches!(action.path().segments().first(), Some(Segment::Name(first)) if counters.contains(&first.as_ref()))
                }))
    }

    /// What the update makes of the top-level attribute `name` when it only sets it to a value
    /// or removes it: `Ok(Some(value))` or `Ok(None)`; `Err(())` when an action changes it
    /// another way (arithmetic, a path inside it, another attribute's value). For an attribute
    /// no action touches, `Ok(None)` too: ask [`touches`](Update::touches) first.
    pub(crate) fn assigned(&self, name: &str) -> Result<Option<AttributeValue>, ()> {
        let mut result = Ok(None);
        for action in &self.actions {
            let path = action.path();
            let first =
                matches!(path.segments().first(), Some(Segment::Name(first)) if first == name);
            if !first {
                continue;
            }
            result = match action {
                _ if path.segments().len() != 1 => Err(()),
                Action::Remove(_) => Ok(None),
                Action::Set(_, SetValue::Operand(Operand::Value(Ok(value)))) => {
                    Ok(Some(value.clone()))
                }
                _ => Err(()),
            };
        }
        result
    }

    /// Whether an action changes the top-level attribute `name` or something inside it.
    pub fn touches(&self, name: &str) -> bool {
        self.actions.iter().any(|action| {
            matches!(action.path().segments().first(), Some(Segment::Name(first)) if first == name)
        })
    }

    /// The values that SET actions write to top-level attributes (`name = value` and
    /// `if_not_exists`): what validation rules can check before the update is sent. Values of
    /// arithmetic, appends and nested paths are not listed.
    pub fn set_values(&self) -> impl Iterator<Item = (&str, &AttributeValue)> {
        self.actions.iter().filter_map(|action| {
            let Action::Set(path, SetValue::Operand(operand) | SetValue::IfNotExists(operand)) =
                action
            else {
                return None;
            };
            let (Operand::Value(Ok(value)), [Segment::Name(name)]) = (operand, path.segments())
            else {
                return None;
            };
            Some((name.as_ref(), value))
        })
    }

    /// Whether `item` already shows every action of this update: each SET of a value (or
    /// `if_not_exists`) on a top-level attribute holds that value, each REMOVE of a top-level
    /// attribute left it absent. An update with another action (arithmetic, appends, ADD,
    /// DELETE, a nested path, a value taken from another path) cannot be recognised in an item,
    /// and gives `false`.
    pub(crate) fn shown_in(&self, item: &crate::value::Item) -> bool {
        self.actions.iter().all(|action| {
            let [Segment::Name(name)] = action.path().segments() else {
                return false;
            };
            match action {
                Action::Set(
                    _,
                    SetValue::Operand(Operand::Value(Ok(value)))
                    | SetValue::IfNotExists(Operand::Value(Ok(value))),
                ) => item.get(name.as_ref()) == Some(value),
                Action::Remove(_) => !item.contains_key(name.as_ref()),
                _ => false,
            }
        })
    }

    /// The top-level attributes a new item would get from this update, had it no item to
    /// change: the values of SET, `if_not_exists`, ADD and appends. What an upsert checks the
    /// model can read.
    pub(crate) fn creation_values(&self) -> Vec<(&str, &AttributeValue)> {
        self.actions
            .iter()
            .filter_map(|action| {
                let [Segment::Name(name)] = action.path().segments() else {
                    return None;
                };
                let value = match action {
                    Action::Set(
                        _,
                        SetValue::Operand(Operand::Value(Ok(value)))
                        | SetValue::IfNotExists(Operand::Value(Ok(value)))
                        | SetValue::Append {
                            values: Operand::Value(Ok(value)),
                            ..
                        },
                    )
                    | Action::Add(_, Operand::Value(Ok(value))) => value,
                    _ => return None,
                };
                Some((name.as_ref(), value))
            })
            .collect()
    }

    /// `SET name = value` on a key attribute derived from other fields (an index key written
    /// from its template); generated code calls this, so that derived keys change with the
    /// fields they are made of.
    #[doc(hidden)]
    pub fn set_derived(self, name: &'static str, value: Result<String, ConversionError>) -> Self {
        self.push(Action::Set(
            RawPath::attribute(name),
            SetValue::Operand(Operand::Value(value.map(AttributeValue::S))),
        ))
    }

    /// `REMOVE name` of a derived key attribute: a sparse index's key when a part is `None`.
    #[doc(hidden)]
    pub fn unset_derived(self, name: &'static str) -> Self {
        self.push(Action::Remove(RawPath::attribute(name)))
    }

    /// Whether no action was added.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    fn push(mut self, action: Action) -> Self {
        self.actions.push(action);
        self
    }

    /// Renders the update with placeholders of its own.
    pub fn build(&self) -> Result<Expression, ConversionError> {
        let mut placeholders = Placeholders::new();
        let text = self.render(&mut placeholders)?;
        Ok(Expression::new(text, &placeholders))
    }

    /// `ADD name value` on a top-level attribute named at run time: how a model's version is
    /// bumped.
    pub(crate) fn add_attribute(self, name: &'static str, value: AttributeValue) -> Self {
        self.push(Action::Add(
            RawPath::attribute(name),
            Operand::Value(Ok(value)),
        ))
    }

    /// `SET name = value` on a top-level attribute named at run time: how an upsert stamps a
    /// model's schema version.
    pub(crate) fn set_attribute(self, name: &'static str, value: AttributeValue) -> Self {
        self.push(Action::Set(
            RawPath::attribute(name),
            SetValue::Operand(Operand::Value(Ok(value))),
        ))
    }

    /// Renders the update into the placeholders of a request. Two actions on overlapping paths
    /// (`a` and `a.b`, or the same path twice) are an error here, before DynamoDB refuses them.
    pub fn render(&self, placeholders: &mut Placeholders) -> Result<String, ConversionError> {
        self.render_with(&[], placeholders)
    }

    /// Renders these actions followed by `extra` (what a model's behaviours add) as one
    /// expression.
    pub(crate) fn render_with(
        &self,
        extra: &[Update],
        placeholders: &mut Placeholders,
    ) -> Result<String, ConversionError> {
        let actions = || {
            self.actions
                .iter()
                .chain(extra.iter().flat_map(|u| &u.actions))
        };
        if self.actions.is_empty() {
            return Err(ConversionError::custom(
                "an update needs at least one action",
            ));
        }
        for (i, action) in actions().enumerate() {
            if let Some(earlier) = actions().take(i).find(|a| a.path().overlaps(action.path())) {
                return Err(ConversionError::custom(format!(
                    "two update actions touch overlapping paths `{}` and `{}`; DynamoDB allows one action per attribute",
                    earlier.path(),
                    action.path()
                )));
            }
        }
        let mut out = String::new();
        for (clause, matches) in [
            (
                "SET",
                (|a: &Action| matches!(a, Action::Set(..))) as fn(&Action) -> bool,
            ),
            ("REMOVE", |a| matches!(a, Action::Remove(..))),
            ("ADD", |a| matches!(a, Action::Add(..))),
            ("DELETE", |a| matches!(a, Action::Delete(..))),
        ] {
            let mut first = true;
            for action in actions().filter(|a| matches(a)) {
                if first {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(clause);
                    out.push(' ');
                    first = false;
                } else {
                    out.push_str(", ");
                }
                render_action(action, placeholders, &mut out)
                    .map_err(|e| e.in_attribute(&action.path().to_string()))?;
            }
        }
        Ok(out)
    }
}

/// The update actions, shared by [`Update`] and by the builders that send one
/// ([`UpdateItem`](crate::ops::UpdateItem)). In scope through `dynamo_model::prelude`.
///
/// The names keep update actions apart from item operations: `unset` is DynamoDB's `REMOVE`
/// (an attribute, a list element or a map entry), `discard` its `DELETE` (elements of a set),
/// so neither reads like deleting the item.
pub trait UpdateActions: Sized + sealed::HasUpdate {
    /// `SET path = value` (or `= other.path`). Setting an `Option` field to `None` removes it.
    fn set<P: UpdatePath>(self, path: P, value: impl ValueOf<P::Value>) -> Self {
        let raw = path.path().raw().clone();
        match value.operand() {
            // A value stored as an absent attribute (None, an empty set) is a REMOVE.
            Operand::Absent => self.push_action(Action::Remove(raw)),
            operand => self.push_action(Action::Set(raw, SetValue::Operand(operand))),
        }
    }

    /// `SET path = if_not_exists(path, value)`: write the value only where there is none.
    fn set_if_not_exists<P: UpdatePath>(self, path: P, value: impl ValueOf<P::Value>) -> Self {
        let raw = path.path().raw().clone();
        self.push_action(Action::Set(raw, SetValue::IfNotExists(value.operand())))
    }

    /// Marks the update as a counter update: the model's version is not bumped and its
    /// `updated_at` not set, as for an update of `#[dynamo(counter)]` attributes only. For a
    /// count kept on an item that clients also edit under optimistic locking, when the counted
    /// attribute is not marked `counter`.
    fn counter_update(mut self) -> Self {
        self.update_mut().counter = true;
        self
    }

    /// `SET path = path + n`. The attribute must exist; use [`add`](UpdateActions::add) to start
    /// from zero.
    fn increment<P: UpdatePath>(self, path: P, n: impl ValueOf<P::Value>) -> Self
    where
        P::Value: Numeric,
    {
        let raw = path.path().raw().clone();
        self.push_action(Action::Set(raw, SetValue::Arithmetic("+", n.operand())))
    }

    /// `SET path = path - n`.
    fn decrement<P: UpdatePath>(self, path: P, n: impl ValueOf<P::Value>) -> Self
    where
        P::Value: Numeric,
    {
        let raw = path.path().raw().clone();
        self.push_action(Action::Set(raw, SetValue::Arithmetic("-", n.operand())))
    }

    /// `SET path = list_append(path, values)`: appends to a list, starting one if absent.
    fn append<P: UpdatePath>(self, path: P, values: impl ValueOf<P::Value>) -> Self
    where
        P::Value: List,
    {
        self.push_action(list_append(path.path().raw(), values.operand(), true))
    }

    /// `SET path = list_append(values, path)`: prepends to a list, starting one if absent.
    fn prepend<P: UpdatePath>(self, path: P, values: impl ValueOf<P::Value>) -> Self
    where
        P::Value: List,
    {
        self.push_action(list_append(path.path().raw(), values.operand(), false))
    }

    /// `REMOVE path`: unsets an optional attribute (a required one would leave an item the model cannot
    /// read).
    fn unset<P: UpdatePath>(self, path: P) -> Self
    where
        P::Value: Removable,
    {
        let raw = path.path().raw().clone();
        self.push_action(Action::Remove(raw))
    }

    /// `REMOVE path[index]`: one element of a list; later elements move down.
    fn unset_at<P: UpdatePath>(self, path: P, index: usize) -> Self
    where
        P::Value: List,
    {
        let raw = path.path().raw().child(Segment::Index(index));
        self.push_action(Action::Remove(raw))
    }

    /// `REMOVE path.key`: one entry of a map.
    fn unset_key<P: UpdatePath>(
        self,
        path: P,
        key: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Self
    where
        P::Value: Map,
    {
        let raw = path.path().raw().child(Segment::Name(key.into()));
        self.push_action(Action::Remove(raw))
    }

    /// `ADD path value`: adds to a number (starting from 0 if absent), or adds elements to a set
    /// (starting one if absent).
    fn add<P: UpdatePath>(self, path: P, value: impl ValueOf<P::Value>) -> Self
    where
        P::Value: Addable,
    {
        let raw = path.path().raw().clone();
        self.push_action(Action::Add(raw, value.operand()))
    }

    /// `DELETE path elements`: takes these elements out of a set (DynamoDB's DELETE action;
    /// the item stays).
    fn discard<P: UpdatePath>(self, path: P, elements: impl ValueOf<P::Value>) -> Self
    where
        P::Value: Set,
    {
        let raw = path.path().raw().clone();
        self.push_action(Action::Delete(raw, elements.operand()))
    }

    /// Adds the actions of `other` after these.
    fn merge(mut self, other: Update) -> Self {
        self.update_mut().actions.extend(other.actions);
        self
    }
}

impl UpdateActions for Update {}

impl sealed::HasUpdate for Update {
    fn update_mut(&mut self) -> &mut Update {
        self
    }
}

/// The one method behind [`UpdateActions`]: where a builder keeps its actions. Not nameable
/// outside the crate, so only this crate's types carry the actions.
pub(crate) mod sealed {
    use super::Update;

    pub trait HasUpdate {
        fn update_mut(&mut self) -> &mut Update;
    }
}

/// `SET path = list_append(..)` with `values` after (`at_end`) or before the list at `path`.
fn list_append(path: &RawPath, values: Operand, at_end: bool) -> Action {
    Action::Set(path.clone(), SetValue::Append { values, at_end })
}

/// Pushes one action; the step every [`UpdateActions`] method ends with.
trait PushAction: Sized {
    fn push_action(self, action: Action) -> Self;
}

impl<T: sealed::HasUpdate> PushAction for T {
    fn push_action(mut self, action: Action) -> Self {
        self.update_mut().actions.push(action);
        self
    }
}
