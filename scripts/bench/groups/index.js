'use strict';
// The benchmark's groups, in the order the table shows them. A group is a module: the node types
// this build of the package must have for it (`types`; else it is left out), whether it needs the
// simulator's process (`simulator`), its flows on the benchmark tab, its scenarios, and the note
// the report prints about them. `names` are what --only takes for it.
module.exports = [
  require('./list'),
  require('./start'),
  require('./activity'),
  require('./tasks'),
  require('./process'),
  require('./complete'),
  require('./message'),
  require('./queue'),
];
