//! The fields a reference can be held in (`Ref<T>`, `Option<Ref<T>>`, `Vec<Ref<T>>`) and what
//! each becomes once populated.

use super::{Ref, Resolved};
use crate::model::Model;

/// A field type holding references to model `Target`, and what it becomes once populated:
/// [`Resolved<T>`] for a `Ref<T>`, `Option<Resolved<T>>` for an `Option<Ref<T>>`,
/// `Vec<Resolved<T>>` for a `Vec<Ref<T>>`.
pub trait RefShape {
    /// The referenced model.
    type Target: Model;
    /// The populated field, each resolved reference given as a `V`.
    type Shape<V: Clone + Send + Sync + 'static>: Clone + Send + Sync + 'static;

    /// Every reference the field holds.
    fn refs(&self) -> Vec<&Ref<Self::Target>>;

    /// The populated field, each reference resolved by `find`.
    #[doc(hidden)]
    fn shape(&self, find: &dyn Fn(&Ref<Self::Target>) -> Resolved<usize>) -> Self::Shape<usize>;

    /// The populated field with each target position replaced by its value.
    #[doc(hidden)]
    fn resolve<V: Clone + Send + Sync + 'static>(
        shape: Self::Shape<usize>,
        values: &[V],
    ) -> Self::Shape<V>;
}

fn resolve_one<V: Clone>(resolved: Resolved<usize>, values: &[V]) -> Resolved<V> {
    resolved.map(|i| values[i].clone())
}

impl<T: Model> RefShape for Ref<T> {
    type Target = T;
    type Shape<V: Clone + Send + Sync + 'static> = Resolved<V>;

    fn refs(&self) -> Vec<&Ref<T>> {
        vec![self]
    }

    fn shape(&self, find: &dyn Fn(&Ref<T>) -> Resolved<usize>) -> Resolved<usize> {
        find(self)
    }

    fn resolve<V: Clone + Send + Sync + 'static>(
        shape: Resolved<usize>,
        values: &[V],
    ) -> Resolved<V> {
        resolve_one(shape, values)
    }
}

impl<T: Model> RefShape for Option<Ref<T>> {
    type Target = T;
    type Shape<V: Clone + Send + Sync + 'static> = Option<Resolved<V>>;

    fn refs(&self) -> Vec<&Ref<T>> {
        self.iter().collect()
    }

    fn shape(&self, find: &dyn Fn(&Ref<T>) -> Resolved<usize>) -> Option<Resolved<usize>> {
        self.as_ref().map(find)
    }

    fn resolve<V: Clone + Send + Sync + 'static>(
        shape: Option<Resolved<usize>>,
        values: &[V],
    ) -> Option<Resolved<V>> {
        shape.map(|one| resolve_one(one, values))
    }
}

impl<T: Model> RefShape for Vec<Ref<T>> {
    type Target = T;
    type Shape<V: Clone + Send + Sync + 'static> = Vec<Resolved<V>>;

    fn refs(&self) -> Vec<&Ref<T>> {
        self.iter().collect()
    }

    fn shape(&self, find: &dyn Fn(&Ref<T>) -> Resolved<usize>) -> Vec<Resolved<usize>> {
        self.iter().map(find).collect()
    }

    fn resolve<V: Clone + Send + Sync + 'static>(
        shape: Vec<Resolved<usize>>,
        values: &[V],
    ) -> Vec<Resolved<V>> {
        shape
            .into_iter()
            .map(|one| resolve_one(one, values))
            .collect()
    }
}
