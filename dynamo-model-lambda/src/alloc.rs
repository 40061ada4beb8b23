//! The heap's high-water mark per invocation, in process: an optional counting allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static INSTALLED: AtomicBool = AtomicBool::new(false);
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// A global allocator that counts the bytes in use and their peak, so that each invocation's
/// profile holds the heap's high-water mark. Install it in the test binary:
///
/// ```no_run
/// #[global_allocator]
/// static ALLOC: dynamo_model_lambda::PeakAlloc = dynamo_model_lambda::PeakAlloc;
/// ```
///
/// Without it, in-process profiles have no memory figure. (It counts the whole process: run the
/// harness alone, not beside other tests.)
pub struct PeakAlloc;

// SAFETY: every call is passed to the system allocator unchanged; the counters are only
// arithmetic on the sizes.
unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        INSTALLED.store(true, Ordering::Relaxed);
        // SAFETY: the caller's layout, passed on.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: the caller's pointer and layout, from `alloc`.
        unsafe { System.dealloc(pointer, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

/// Starts counting the peak afresh, from what is in use now.
pub(crate) fn start_invocation() {
    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
}

/// The peak since [`start_invocation`], when the allocator is installed.
pub(crate) fn peak() -> Option<usize> {
    INSTALLED
        .load(Ordering::Relaxed)
        .then(|| PEAK.load(Ordering::Relaxed))
}
