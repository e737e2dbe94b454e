// The pickers of the dialogs of @bpm-flows/node-red-bpm (window.BpmEditor): a button beside a
// TypedInput that lists what the chosen server offers (starters, submit buttons, processes).
(function () {
  'use strict';
  const BpmEditor = (window.BpmEditor = window.BpmEditor || {});
  if (BpmEditor.listPicker) {
    return;
  }

  // The width of a TypedInput with a picker button beside it.
  const PICK_WIDTH = 'calc(70% - 44px)';
  // Answers to a list asked for in an earlier dialog must not land in the current one.
  let latestList = 0;

  function forgetLists() {
    latestList++;
  }

  /**
   * A picker beside the TypedInput `field` of a flow node's dialog: while the field holds fixed
   * text, its button (#node-input-{field}-pick) asks the admin endpoint `options.url` of the
   * chosen server for a list (the answer's `options.list`) and shows it in
   * #node-input-{field}-list; choosing an entry fills the field. `options`:
   * - `texts`: the catalogue group of its words: button, none, needServer, failed, result.*;
   * - `ask()`: the request's own fields, or the key (in `texts`) of the notice saying what is missing;
   * - `item(entry)`: `{ value, label, note, fill }` (an entry without a value cannot be picked);
   *   `fill` maps further TypedInputs of the dialog to the fixed text that choosing it gives them;
   * - `itemClass` and `attribute`: each item's class, and the attribute that holds its value.
   * The fixed text of Language goes along, for labels in that language.
   */
  function listPicker(node, options) {
    const say = function (key, values) {
      return BpmEditor.translate(node, node.type, options.texts + '.' + key, values);
    };
    const field = $('#node-input-' + options.field);
    const pick = $('#node-input-' + options.field + '-pick');
    const list = $('#node-input-' + options.field + '-list').css({
      margin: '6px 0 0 104px',
      width: 'calc(70% - 4px)',
      'max-height': '180px',
      'overflow-y': 'auto',
      border: '1px solid var(--red-ui-secondary-border-color, #ccc)',
      'border-radius': '4px',
      background: 'var(--red-ui-secondary-background, #fff)',
    });

    function hide() {
      list.hide().empty();
    }

    function show(entries) {
      list.empty();
      const offered = entries
        .filter(Boolean)
        .map(options.item)
        .filter(function (entry) {
          return typeof entry.value === 'string' && entry.value !== '';
        });
      if (offered.length === 0) {
        $('<div>').css({ padding: '6px 8px', 'font-style': 'italic' }).text(say('none')).appendTo(list);
      }
      offered.forEach(function (entry) {
        const item = $('<a href="#" role="option">')
          .addClass(options.itemClass)
          .attr(options.attribute, entry.value)
          .css({
            display: 'block',
            padding: '4px 8px',
            color: 'inherit',
            'text-decoration': 'none',
            'border-bottom': '1px solid var(--red-ui-secondary-border-color, #eee)',
          })
          .on('mouseenter', function () {
            $(this).css('background', 'var(--red-ui-list-item-background-hover, #eee)');
          })
          .on('mouseleave', function () {
            $(this).css('background', '');
          })
          .on('click', function (event) {
            event.preventDefault();
            field.typedInput('value', entry.value);
            Object.keys(entry.fill || {}).forEach(function (name) {
              const other = $('#node-input-' + name);
              other.typedInput('type', 'str');
              other.typedInput('value', entry.fill[name]);
            });
            hide();
          })
          .appendTo(list);
        $('<div>')
          .css('font-weight', 'bold')
          .text(entry.label || entry.value)
          .appendTo(item);
        const details = $('<small>').css({ display: 'block', opacity: 0.8 }).appendTo(item);
        if (entry.note) {
          $('<span>')
            .text(entry.note + ' \u00b7 ')
            .appendTo(details);
        }
        $('<code>').text(entry.value).appendTo(details);
      });
      list.show();
    }

    function reportFailure(report) {
      // As text: the message comes from the server, and notify() would render a string as HTML.
      RED.notify(
        $('<p>').text(
          say('failed', {
            result: say('result.' + BpmEditor.resultName(report.result)),
            message: report.message || '',
          }),
        ),
        'error',
      );
    }

    function ask() {
      const serverId = $('#node-input-server').val();
      const server = serverId && serverId !== '_ADD_' ? RED.nodes.node(serverId) : null;
      if (!server) {
        RED.notify(say('needServer'), 'warning');
        return;
      }
      const own = options.ask();
      if (typeof own === 'string') {
        RED.notify(say(own), 'warning');
        return;
      }
      const request = $.extend(
        {
          server: {
            id: server.id,
            url: server.url,
            timeout: server.timeout,
            tls: server.tls || '',
            authType: server.authType,
            csrf: server.csrf,
            tenant: server.tenant,
            userType: server.userType,
          },
          lang: fixedText('lang'),
        },
        own,
      );
      const ticket = ++latestList;
      pick.prop('disabled', true).find('i').attr('class', 'fa fa-spinner fa-spin');
      hide();
      $.ajax({
        url: options.url,
        type: 'POST',
        contentType: 'application/json',
        data: JSON.stringify(request),
        dataType: 'json',
      })
        .done(function (answer) {
          if (ticket !== latestList) {
            return;
          }
          if (answer && answer.result === 'reachable' && Array.isArray(answer[options.list])) {
            show(answer[options.list]);
          } else {
            reportFailure(answer || {});
          }
        })
        .fail(function (xhr) {
          if (ticket === latestList) {
            reportFailure({ result: 'error', message: xhr.status ? xhr.status + ' ' + xhr.statusText : '' });
          }
        })
        .always(function () {
          pick.prop('disabled', false).find('i').attr('class', 'fa fa-list');
        });
    }

    forgetLists();
    RED.popover.tooltip(pick, say('button'));
    pick.attr('aria-label', say('button'));
    // Only a fixed value can be picked.
    const toggle = function () {
      const fixed = field.typedInput('type') === 'str';
      pick.toggle(fixed);
      field.typedInput('width', fixed ? PICK_WIDTH : '70%');
      if (!fixed) {
        hide();
      }
    };
    field.on('change', toggle);
    toggle();
    pick.on('click', ask);
  }

  /** What a fixed TypedInput holds, trimmed; "" when it is not fixed text. */
  function fixedText(name) {
    const field = $('#node-input-' + name);
    return field.typedInput('type') === 'str' ? String(field.typedInput('value') || '').trim() : '';
  }

  Object.assign(BpmEditor, {
    listPicker: listPicker,
    forgetLists: forgetLists,
    fixedText: fixedText,
  });
})();
