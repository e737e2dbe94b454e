// The rows that the dialogs of the flow nodes of @bpm-flows/node-red-bpm share
// (window.BpmEditor): their TypedInputs, and the defaults a saved node lacks.
(function () {
  'use strict';
  const BpmEditor = (window.BpmEditor = window.BpmEditor || {});
  if (BpmEditor.prepare) {
    return;
  }

  // The kinds of value the TypedInputs of the package offer.
  const TEXT = ['str', 'msg', 'flow', 'global', 'env'];
  const TYPES = {
    value: ['str', 'msg', 'flow', 'global', 'env', 'jsonata'],
    id: ['msg', 'str', 'num', 'flow', 'global', 'env', 'jsonata'],
    lang: TEXT,
    text: TEXT,
    // Variables and form fields of the task nodes; an env value is read as JSON text.
    variables: ['json', 'msg', 'flow', 'global', 'jsonata', 'env'],
    query: ['json', 'msg', 'flow', 'global', 'jsonata'],
  };

  /**
   * Turns the dialog's inputs into TypedInputs: `inputs` maps a property to
   * `[default type, kind of TYPES, whether the runtime reads a property saved with neither a
   * type nor a value as its default]`; such a property then shows that default. A checkbox or
   * a select whose property the saved node lacks shows its default too.
   */
  function prepare(node, inputs) {
    Object.keys(node._def.defaults).forEach(function (name) {
      const field = $('#node-input-' + name);
      const shown = node._def.defaults[name].value;
      if (node[name] !== undefined && node[name] !== null && node[name] !== '') {
        return;
      }
      if (field.is(':checkbox') && typeof shown === 'boolean' && node[name] === undefined) {
        field.prop('checked', shown);
      } else if (field.is('select') && shown !== '') {
        field.val(shown);
      }
    });
    Object.keys(inputs).forEach(function (name) {
      const field = $('#node-input-' + name);
      if (inputs[name][2] && !node[name + 'Type'] && BpmEditor.isMissing(node[name])) {
        field.val(node._def.defaults[name].value);
      }
      field.typedInput({
        default: inputs[name][0],
        typeField: '#node-input-' + name + 'Type',
        types: TYPES[inputs[name][1]],
      });
    });
  }

  /**
   * Shows the rows of the properties the chosen value of the select `name` uses and hides the
   * others: `rows` maps each value to the properties of its rows; a value it lacks uses none.
   */
  function rowsFor(name, rows) {
    const all = [];
    Object.keys(rows).forEach(function (value) {
      rows[value].forEach(function (property) {
        if (all.indexOf(property) < 0) {
          all.push(property);
        }
      });
    });
    const select = $('#node-input-' + name);
    const show = function () {
      const used = rows[select.val()] || [];
      all.forEach(function (property) {
        $('#node-input-' + property)
          .closest('.form-row')
          .toggle(used.indexOf(property) >= 0);
      });
    };
    select.on('change', show);
    show();
  }

  Object.assign(BpmEditor, {
    prepare: prepare,
    rowsFor: rowsFor,
  });
})();
