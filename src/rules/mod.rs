//! Knowledge as data: clutter labels per language, class/id tokens and
//! ad-network hosts. The classifier code stays generic; these tables say what
//! the words are.
