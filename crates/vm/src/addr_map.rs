//! Side tables keyed by object addresses (weak references, shared-key bookkeeping,
//! the collector's indexes): `HashMap`s with foldhash instead of SipHash. Addresses
//! are not attacker-chosen strings, and these maps sit on the allocation and
//! deallocation paths, where SipHash cost more than the work around it.

use std::collections::HashMap;

/// The hasher of every map keyed by address or by interned name.
pub type FastState = foldhash::fast::FixedState;

/// A map keyed by an object's address.
pub type AddrMap<V> = HashMap<usize, V, FastState>;
