// Labels and validators of the dialogs of @bpm-flows/node-red-bpm (window.BpmEditor): a node's
// label, palette label and port labels, and the checks of the properties of flow and config nodes.
(function () {
  'use strict';
  const BpmEditor = (window.BpmEditor = window.BpmEditor || {});
  if (BpmEditor.label) {
    return;
  }

  const LABEL_MAX = 32;

  function shorten(text) {
    return text.length > LABEL_MAX ? text.slice(0, LABEL_MAX - 1) + '\u2026' : text;
  }

  // An empty or missing value means the default (a flow saved before the property existed).
  function integerAtLeast(ns, min, max, key) {
    return function (v, opt) {
      const text = String(v === undefined || v === null ? '' : v).trim();
      const n = Number(text);
      if (text === '' || (/^\d+$/.test(text) && n >= min && (max === undefined || n <= max))) {
        return true;
      }
      return opt ? BpmEditor.translate(this, ns, 'validation.' + key) : false;
    };
  }

  // The type a TypedInput has: in the open dialog, else as saved, else its default.
  function typeOf(node, typeField, defaultType) {
    const field = $('#node-input-' + typeField);
    return (field.length ? field.val() : node[typeField]) || defaultType;
  }

  /**
   * Like RED.validators.typedInput, and a fixed value must also be usable as one path segment.
   * With `missingMeansDefault`, a value saved with neither a type nor a value is the default.
   */
  function pathSegment(ns, typeField, defaultType, missingMeansDefault) {
    const typed = RED.validators.typedInput(typeField);
    return function (v, opt) {
      if (missingMeansDefault && !this[typeField] && !$('#node-input-' + typeField).length && BpmEditor.isMissing(v)) {
        return true;
      }
      const type = typeOf(this, typeField, defaultType);
      if (type === 'str' || type === 'num') {
        const text = String(v === undefined || v === null ? '' : v).trim();
        if (text === '' || text === '.' || text === '..') {
          return opt ? BpmEditor.translate(this, ns, 'validation.segment') : false;
        }
        // A number must also be one: the runtime refuses what is not a finite number.
        if (type === 'str' || Number.isFinite(Number(text))) {
          return type === 'str' ? true : typed.call(this, v, opt);
        }
        return opt ? BpmEditor.translate(this, ns, 'validation.segment') : false;
      }
      return typed.call(this, v, opt);
    };
  }

  // Like RED.validators.typedInput, and a fixed value may be empty: the property is optional.
  // A missing value (a flow saved before the property existed) is valid whatever its type.
  function optional(typeField, defaultType) {
    const typed = RED.validators.typedInput(typeField);
    return function (v, opt) {
      if (v === undefined || v === null) {
        return true;
      }
      return typeOf(this, typeField, defaultType) === 'str' ? true : typed.call(this, v, opt);
    };
  }

  // What a property holds: in the open dialog, else as saved.
  function valueOf(node, name) {
    const field = $('#node-input-' + name);
    if (!field.length) {
      return node[name];
    }
    return field.data('noderedTypedInput') ? field.typedInput('value') : field.val();
  }

  /**
   * Like RED.validators.typedInput, and a fixed value must not be empty or only whitespace;
   * with `unless`, the name of another TypedInput (of default type str), it may be empty while
   * that one is set.
   */
  function required(ns, typeField, defaultType, key, unless) {
    const typed = RED.validators.typedInput(typeField);
    return function (v, opt) {
      if (typeOf(this, typeField, defaultType) !== 'str') {
        return typed.call(this, v, opt);
      }
      if (String(v === undefined || v === null ? '' : v).trim() !== '') {
        return true;
      }
      if (unless && (typeOf(this, unless + 'Type', 'str') !== 'str' || String(valueOf(this, unless) || '').trim() !== '')) {
        return true;
      }
      return opt ? BpmEditor.translate(this, ns, 'validation.' + key) : false;
    };
  }

  /**
   * `required`, but only while the select `choiceField` (its default `defaultChoice`) has one of
   * `choices`: otherwise the property is not used, and anything goes.
   */
  function requiredFor(ns, typeField, defaultType, key, choiceField, defaultChoice, choices) {
    const check = required(ns, typeField, defaultType, key);
    return function (v, opt) {
      const choice = valueOf(this, choiceField) || defaultChoice;
      return choices.indexOf(choice) < 0 ? true : check.call(this, v, opt);
    };
  }

  /**
   * Variables, form fields or query parameters: like RED.validators.typedInput, and a JSON value
   * must be an object; empty (or missing) JSON means none.
   */
  function variables(ns, typeField, defaultType) {
    const typed = RED.validators.typedInput(typeField);
    return function (v, opt) {
      if (typeOf(this, typeField, defaultType) !== 'json') {
        return typed.call(this, v, opt);
      }
      const text = String(v === undefined || v === null ? '' : v).trim();
      if (text === '') {
        return true;
      }
      let value;
      try {
        value = JSON.parse(text);
      } catch {
        return typed.call(this, v, opt);
      }
      if (value === null || (typeof value === 'object' && !Array.isArray(value))) {
        return true;
      }
      return opt ? BpmEditor.translate(this, ns, 'validation.object') : false;
    };
  }

  /**
   * A select's value must be one it offers; a missing value (a flow saved before the property
   * existed) means its default.
   */
  function oneOf(ns, key, values) {
    return function (v, opt) {
      if (v === undefined || v === null || v === '' || values.indexOf(v) >= 0) {
        return true;
      }
      return opt ? BpmEditor.translate(this, ns, 'validation.' + key) : false;
    };
  }

  // What every flow node's definition shares; `this` is the definition or the node, whose
  // type names the catalogue of its texts.
  function paletteLabel() {
    return this._(this.type + '.paletteLabel');
  }

  function labelStyle() {
    return this.name ? 'node_label_italic' : '';
  }

  function inputLabels() {
    return this._(this.type + '.inputLabel');
  }

  function outputLabels() {
    return this._(this.type + '.outputLabel');
  }

  /**
   * A node's label: its name, else the fixed value of `property` (catalogue key
   * `nodeLabel.{key}`), else `nodeLabel.default`.
   */
  function label(property, key, defaultType) {
    return function () {
      if (this.name) {
        return this.name;
      }
      const type = this[property + 'Type'] || defaultType;
      const value = this[property];
      if ((type === 'str' || type === 'num') && value !== undefined && value !== null && String(value) !== '') {
        const values = {};
        values[property] = shorten(String(value));
        return this._(this.type + '.nodeLabel.' + key, values);
      }
      return this._(this.type + '.nodeLabel.default');
    };
  }

  /**
   * A node's label: its name, else `nodeLabel.{choice}` when `property` is `choice` (or one of
   * a list of choices), else the label `otherwise` gives, else `nodeLabel.default`.
   */
  function choiceLabel(property, choice, otherwise) {
    const choices = [].concat(choice);
    return function () {
      if (this.name) {
        return this.name;
      }
      if (choices.indexOf(this[property]) >= 0) {
        return this._(this.type + '.nodeLabel.' + this[property]);
      }
      return otherwise ? otherwise.call(this) : this._(this.type + '.nodeLabel.default');
    };
  }

  // The validators of a server's properties, for the server type `ns`, from what the runtime
  // knows of the servers (resources/server-facts.js, written by the build).
  function authType(ns) {
    return oneOf(ns, 'authType', window.BpmServerFacts.servers[ns].authTypes);
  }

  function csrfMode(ns) {
    return oneOf(ns, 'csrf', window.BpmServerFacts.csrfModes);
  }

  function url(ns) {
    return function (v, opt) {
      const text = String(v || '').trim();
      if (!/^https?:\/\/[^\s/]+/i.test(text)) {
        return opt ? BpmEditor.translate(this, ns, 'validation.url') : false;
      }
      // user:password@ would end up in the flow file: credentials go into their fields.
      if (/^https?:\/\/[^/?#]*@/i.test(text)) {
        return opt ? BpmEditor.translate(this, ns, 'validation.urlCredentials') : false;
      }
      return true;
    };
  }

  function limit(ns, name) {
    const range = window.BpmServerFacts.limits[name];
    return integerAtLeast(ns, range.min, range.max, name);
  }

  function serverLabel() {
    return this.name || this.url;
  }

  Object.assign(BpmEditor, {
    shorten: shorten,
    pathSegment: pathSegment,
    optional: optional,
    required: required,
    requiredFor: requiredFor,
    wholeNumber: integerAtLeast,
    variables: variables,
    oneOf: oneOf,
    paletteLabel: paletteLabel,
    labelStyle: labelStyle,
    inputLabels: inputLabels,
    outputLabels: outputLabels,
    label: label,
    choiceLabel: choiceLabel,
    authType: authType,
    csrfMode: csrfMode,
    url: url,
    limit: limit,
    serverLabel: serverLabel,
  });
})();
