//! What a populate can load: a model's relations ([`RefField`], [`HasMany`]), a relation of
//! what a relation loads ([`Then`]), and several at once (tuples).

use std::sync::Arc;

use futures::future::BoxFuture;

use super::fetch::{Fetched, fetch_children, fetch_refs};
use super::shape::RefShape;
use crate::db::Db;
use crate::error::Error;
use crate::model::Model;
use crate::ops::OpFuture;

/// How a populate reads: how many has-many queries run at once, and whether reads are strongly
/// consistent.
#[derive(Debug, Clone, Copy)]
pub struct PopulateOptions {
    pub(crate) concurrency: usize,
    pub(crate) consistent_read: bool,
}

impl Default for PopulateOptions {
    fn default() -> Self {
        PopulateOptions {
            concurrency: 8,
            consistent_read: false,
        }
    }
}

/// What a populate of items of model `M` can load: a relation of `M` (`Order::relations().customer`),
/// a relation followed by a relation of what it loads (`.then(..)`), or a tuple of these, loaded
/// side by side. `Loaded` is what each item gets; reading it sends nothing.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a relation of `{M}`",
    label = "a populate of `{M}` items loads relations of `{M}`",
    note = "name one from `{M}::relations()` (its `Ref` fields and `has_many` declarations), a `.then(..)` of one, or a tuple of them"
)]
pub trait Include<M>: Send + Sync {
    /// What one item holds once loaded.
    type Loaded: Clone + Send + Sync + 'static;

    /// Loads the relation for every item: one value per item, in order. Never fails as a whole:
    /// what could not be read is reported in each item's value.
    #[doc(hidden)]
    fn load<'a>(
        &'a self,
        db: &'a Db,
        items: &'a [&'a M],
        options: PopulateOptions,
    ) -> BoxFuture<'a, Vec<Self::Loaded>>;
}

/// A relation of model `M` to the items it finds (its targets): the referenced items of a `Ref`
/// field, or the children of a `has_many`. `Shape<V>` is what one item holds with each target
/// given as a `V`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a relation of `{M}`",
    label = "`.then(..)` follows a relation of what the relation before it loads",
    note = "name one from `{M}::relations()`"
)]
pub trait Relation<M>: Send + Sync {
    /// What the relation finds.
    type Target: Clone + Send + Sync + 'static;
    /// What one item holds, each target given as a `V`.
    type Shape<V: Clone + Send + Sync + 'static>: Clone + Send + Sync + 'static;

    /// Reads the targets of every item: the distinct targets, and per item its shape with the
    /// position of each target among them.
    #[doc(hidden)]
    fn fetch<'a>(
        &'a self,
        db: &'a Db,
        items: &'a [&'a M],
        options: PopulateOptions,
    ) -> BoxFuture<'a, Fetched<Self::Target, Self::Shape<usize>>>;

    /// One item's shape with each target position replaced by its value.
    #[doc(hidden)]
    fn resolve<V: Clone + Send + Sync + 'static>(
        shape: Self::Shape<usize>,
        values: &[V],
    ) -> Self::Shape<V>;
}

/// Loads a relation's targets themselves, for every item.
fn load_targets<'a, M: Sync, R: Relation<M>>(
    relation: &'a R,
    db: &'a Db,
    items: &'a [&'a M],
    options: PopulateOptions,
) -> BoxFuture<'a, Vec<R::Shape<R::Target>>> {
    Box::pin(async move {
        let fetched = relation.fetch(db, items, options).await;
        let targets = fetched.targets;
        fetched
            .shapes
            .into_iter()
            .map(|shape| R::resolve(shape, &targets))
            .collect()
    })
}

/// A relation loads its targets themselves.
macro_rules! include_relation {
    ($ty:ident<$m:ident, $p:ident> where $($bounds:tt)*) => {
        impl<$m: Sync, $p> Include<$m> for $ty<$m, $p>
        where
            $($bounds)*
        {
            type Loaded = <Self as Relation<$m>>::Shape<<Self as Relation<$m>>::Target>;

            fn load<'a>(
                &'a self,
                db: &'a Db,
                items: &'a [&'a $m],
                options: PopulateOptions,
            ) -> BoxFuture<'a, Vec<Self::Loaded>> {
                load_targets(self, db, items, options)
            }
        }
    };
}

include_relation!(RefField<M, S> where S: RefShape + Sync, S::Target: Model + Clone + Send + Sync + 'static);
include_relation!(HasMany<M, C> where C: Clone + Send + Sync + 'static);

/// A `Ref<T>`, `Option<Ref<T>>` or `Vec<Ref<T>>` field of model `M`, from `M::relations()`.
/// Loads [`Resolved<T>`](super::Resolved) per reference: the item, or why there is none.
pub struct RefField<M, S> {
    name: &'static str,
    get: fn(&M) -> &S,
}

impl<M, S> RefField<M, S> {
    /// The relation of field `name`, read with `get`; the derive makes these.
    #[doc(hidden)]
    pub const fn new(name: &'static str, get: fn(&M) -> &S) -> Self {
        RefField { name, get }
    }

    /// The field's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Also loads `inner`, a relation of the referenced model, for each referenced item: each
    /// one becomes a pair of the item and what `inner` loaded for it.
    pub fn then<I>(self, inner: I) -> Then<Self, I> {
        Then { outer: self, inner }
    }
}

impl<M, S> Clone for RefField<M, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M, S> Copy for RefField<M, S> {}

impl<M: Sync, S: RefShape + Sync> Relation<M> for RefField<M, S>
where
    S::Target: Model + Clone + Send + Sync + 'static,
{
    type Target = S::Target;
    type Shape<V: Clone + Send + Sync + 'static> = S::Shape<V>;

    fn fetch<'a>(
        &'a self,
        db: &'a Db,
        items: &'a [&'a M],
        options: PopulateOptions,
    ) -> BoxFuture<'a, Fetched<S::Target, S::Shape<usize>>> {
        let fields: Vec<&S> = items.iter().map(|item| (self.get)(item)).collect();
        Box::pin(fetch_refs(db, fields, options))
    }

    fn resolve<V: Clone + Send + Sync + 'static>(
        shape: S::Shape<usize>,
        values: &[V],
    ) -> S::Shape<V> {
        S::resolve(shape, values)
    }
}

/// What a has-many query gives for one parent: every child, or the error of its query.
pub type Children<C> = Result<Vec<C>, Arc<Error>>;

/// The children of a model found by one query per parent, from a `has_many` declaration:
/// `Customer::relations().orders`. Loads [`Children<C>`] per parent.
pub struct HasMany<M, C> {
    name: &'static str,
    query: for<'a> fn(&M, &'a Db, bool) -> OpFuture<'a, Vec<C>>,
}

impl<M, C> HasMany<M, C> {
    /// The relation `name`, whose children of one parent `query` reads (every page, strongly
    /// consistent when asked); the derive makes these.
    #[doc(hidden)]
    pub const fn new(
        name: &'static str,
        query: for<'a> fn(&M, &'a Db, bool) -> OpFuture<'a, Vec<C>>,
    ) -> Self {
        HasMany { name, query }
    }

    /// The relation's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Also loads `inner`, a relation of the child model, for each child: each one becomes a
    /// pair of the child and what `inner` loaded for it.
    pub fn then<I>(self, inner: I) -> Then<Self, I> {
        Then { outer: self, inner }
    }
}

impl<M, C> Clone for HasMany<M, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M, C> Copy for HasMany<M, C> {}

impl<M: Sync, C: Clone + Send + Sync + 'static> Relation<M> for HasMany<M, C> {
    type Target = C;
    type Shape<V: Clone + Send + Sync + 'static> = Result<Vec<V>, Arc<Error>>;

    fn fetch<'a>(
        &'a self,
        db: &'a Db,
        items: &'a [&'a M],
        options: PopulateOptions,
    ) -> BoxFuture<'a, Fetched<C, Self::Shape<usize>>> {
        let query = self.query;
        let reads = items
            .iter()
            .map(move |item| query(item, db, options.consistent_read));
        Box::pin(fetch_children(reads.collect(), options))
    }

    fn resolve<V: Clone + Send + Sync + 'static>(
        shape: Self::Shape<usize>,
        values: &[V],
    ) -> Self::Shape<V> {
        shape.map(|positions| positions.into_iter().map(|i| values[i].clone()).collect())
    }
}

/// A relation, then a relation of what it loads: `Order::relations().customer.then(
/// Customer::relations().orders)` gives each order its customer paired with the customer's
/// orders. Each level is read for every item at once: one batch of keys or one query per parent
/// per level, however many items share a target.
#[derive(Clone, Copy)]
pub struct Then<R, I> {
    outer: R,
    inner: I,
}

impl<R, I> Then<R, I> {
    /// Also loads `next`, a relation of what the last relation loads, one level deeper.
    pub fn then<J>(self, next: J) -> Then<R, Then<I, J>>
    where
        Self: Sized,
    {
        Then {
            outer: self.outer,
            inner: Then {
                outer: self.inner,
                inner: next,
            },
        }
    }
}

impl<M: Sync, R: Relation<M>, I: Include<R::Target>> Include<M> for Then<R, I> {
    type Loaded = R::Shape<(R::Target, I::Loaded)>;

    fn load<'a>(
        &'a self,
        db: &'a Db,
        items: &'a [&'a M],
        options: PopulateOptions,
    ) -> BoxFuture<'a, Vec<Self::Loaded>> {
        Box::pin(async move {
            let fetched = self.outer.fetch(db, items, options).await;
            let targets: Vec<&R::Target> = fetched.targets.iter().collect();
            let inner = self.inner.load(db, &targets, options).await;
            let pairs: Vec<(R::Target, I::Loaded)> =
                fetched.targets.iter().cloned().zip(inner).collect();
            fetched
                .shapes
                .into_iter()
                .map(|shape| R::resolve(shape, &pairs))
                .collect()
        })
    }
}

/// The loads of several relations as one future, nested in pairs: `join(a, join(b, c))`.
macro_rules! joined {
    ($db:ident, $items:ident, $options:ident; $last:ident) => {
        $last.load($db, $items, $options)
    };
    ($db:ident, $items:ident, $options:ident; $first:ident, $($rest:ident),+) => {
        futures::future::join(
            $first.load($db, $items, $options),
            joined!($db, $items, $options; $($rest),+),
        )
    };
}

/// The pattern of what [`joined`] gives: `(a, (b, c))`.
macro_rules! nested {
    ($last:ident) => { $last };
    ($first:ident, $($rest:ident),+) => { ($first, nested!($($rest),+)) };
}

/// Several relations at once, loaded side by side: `(relations.customer, relations.items)`
/// gives each item a pair of what each loaded.
macro_rules! include_tuples {
    ($(($($name:ident $loaded:ident),+))*) => {$(
        #[allow(non_snake_case)]
        impl<M: Sync, $($name: Include<M>),+> Include<M> for ($($name,)+) {
            type Loaded = ($($name::Loaded,)+);

            fn load<'a>(
                &'a self,
                db: &'a Db,
                items: &'a [&'a M],
                options: PopulateOptions,
            ) -> BoxFuture<'a, Vec<Self::Loaded>> {
                let ($($name,)+) = self;
                Box::pin(async move {
                    let nested!($($loaded),+) = joined!(db, items, options; $($name),+).await;
                    $(let mut $loaded = $loaded.into_iter();)+
                    (0..items.len())
                        .filter_map(|_| Some(($($loaded.next()?,)+)))
                        .collect()
                })
            }
        }
    )*};
}

include_tuples! {
    (A a)
    (A a, B b)
    (A a, B b, C c)
    (A a, B b, C c, D d)
    (A a, B b, C c, D d, E e)
    (A a, B b, C c, D d, E e, F f)
}
