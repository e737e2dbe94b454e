// The server dialog of @bpm-flows/node-red-bpm (window.BpmEditor): the rows every server has,
// the credentials of the chosen kind of authentication, and Test connection.
(function () {
  'use strict';
  const BpmEditor = (window.BpmEditor = window.BpmEditor || {});
  if (BpmEditor.serverDialog) {
    return;
  }

  // What the runtime knows of the servers (resources/server-facts.js, written by the build),
  // read when needed: that file may run after this one.
  function facts() {
    return window.BpmServerFacts;
  }

  // The defaults of a server config node's limits, read when a server registers its type.
  Object.defineProperty(BpmEditor, 'LIMITS', {
    enumerable: true,
    get: function () {
      const ranges = facts().limits;
      const limits = {};
      Object.keys(ranges).forEach(function (name) {
        limits[name] = ranges[name].default;
      });
      return limits;
    },
  });

  // The credentials of every server; the dialog shows those the chosen kind of authentication uses.
  const CREDENTIALS = ['username', 'password', 'token'];
  // What the token field holds for the kinds that use it.
  const TOKEN_LABELS = { bearer: 'token', portalToken: 'token', zenApiKey: 'apiKey' };

  // Outcomes of Test connection, as the runtime reports them, with their icon and colour.
  const RESULTS = {
    reachable: { icon: 'fa-check-circle', color: 'var(--red-ui-text-color-success, #3a7d00)' },
    unauthorized: { icon: 'fa-lock', color: 'var(--red-ui-text-color-error, #c00)' },
    login: { icon: 'fa-sign-in', color: 'var(--red-ui-text-color-warning, #b26b00)' },
    unreachable: { icon: 'fa-chain-broken', color: 'var(--red-ui-text-color-error, #c00)' },
    maintenance: { icon: 'fa-wrench', color: 'var(--red-ui-text-color-warning, #b26b00)' },
    error: { icon: 'fa-exclamation-triangle', color: 'var(--red-ui-text-color-error, #c00)' },
  };

  /**
   * A server dialog: the rows every server has around the server's own rows (`ownRows`, the
   * HTML of its template): name, URL, authentication and its credentials before them, Test
   * connection, TLS and limits after them.
   */
  function dialogHtml(ns, defaultUrl, authTypes, ownRows) {
    // The editor translates the template after oneditprepare: a label that changes has no data-i18n.
    const label = function (name, icon, changing) {
      const text = changing ? '' : ' data-i18n="' + ns + '.label.' + name + '"';
      return (
        '<label for="node-config-input-' +
        name +
        '"><i class="fa ' +
        icon +
        '"></i> ' +
        '<span id="node-config-label-' +
        name +
        '"' +
        text +
        '></span></label>'
      );
    };
    const row = function (name, icon, input, changing) {
      return '<div class="form-row" id="node-config-row-' + name + '">' + label(name, icon, changing) + ' ' + input + '</div>';
    };
    const number = function (name) {
      return '<input type="text" id="node-config-input-' + name + '" style="width:120px;">';
    };
    const kinds = authTypes
      .map(function (kind) {
        return '<option value="' + kind + '" data-i18n="' + ns + '.authType.' + kind + '"></option>';
      })
      .join('');
    return [
      '<style>',
      "    /* Wider labels: some of them, in German for one, do not fit Node-RED's 100px. */",
      '    .bpm-server-form > .form-row > label { width: 150px; }',
      '    .bpm-server-form > .form-row > select { width: 70%; }',
      '</style>',
      '<div class="bpm-server-form">',
      row('name', 'fa-tag', '<input type="text" id="node-config-input-name" data-i18n="[placeholder]' + ns + '.label.name">'),
      row('url', 'fa-globe', '<input type="text" id="node-config-input-url" placeholder="' + defaultUrl + '">'),
      row(
        'authType',
        'fa-id-card-o',
        '<select id="node-config-input-authType">' +
          kinds +
          '</select>' +
          '<div id="node-config-auth-tip" style="margin: 4px 0 0 154px; width: 70%; font-size: 0.9em; opacity: 0.8;"></div>',
      ),
      row('username', 'fa-user', '<input type="text" id="node-config-input-username" autocomplete="off">'),
      row('password', 'fa-lock', '<input type="password" id="node-config-input-password" autocomplete="new-password">'),
      row('token', 'fa-key', '<input type="password" id="node-config-input-token" autocomplete="new-password">', true),
      ownRows,
      '<div class="form-row">',
      '    <label>&nbsp;</label>',
      '    <button type="button" class="red-ui-button" id="node-config-test-connection"><i class="fa fa-plug"></i> <span data-i18n="' +
        ns +
        '.test.button"></span></button>',
      '    <div id="node-config-test-connection-result" role="status" aria-live="polite" style="margin: 6px 0 0 154px;"></div>',
      '</div>',
      row('tls', 'fa-shield', '<input type="text" id="node-config-input-tls">'),
      row('timeout', 'fa-clock-o', number('timeout') + ' <span data-i18n="' + ns + '.label.milliseconds"></span>'),
      row('retries', 'fa-repeat', number('retries')),
      row('maxConcurrent', 'fa-tasks', number('maxConcurrent')),
      '<div class="form-tips"><span data-i18n="' + ns + '.tip.url"></span></div>',
      '</div>',
    ].join('\n');
  }

  /**
   * Builds a server's dialog around its own rows, which its template holds. Called before the
   * server registers its type: the editor reads the template when a dialog opens.
   */
  function serverDialog(ns) {
    const server = facts().servers[ns];
    const template = $('script[data-template-name="' + ns + '"]');
    template.text(dialogHtml(ns, server.defaultUrl, server.authTypes, template.html() || ''));
  }

  /** The URL a new config node of this server type starts with. */
  function defaultUrl(ns) {
    return facts().servers[ns].defaultUrl;
  }

  // Answers to a test started in an earlier dialog must not land in the current one.
  let latestTest = 0;

  function forgetTests() {
    latestTest++;
  }

  function showCredentials(node, kind) {
    const ns = node.type;
    const credentialsUsed = facts().credentialsUsed;
    const known = Object.prototype.hasOwnProperty.call(credentialsUsed, kind);
    const used = known ? credentialsUsed[kind] : [];
    CREDENTIALS.forEach(function (name) {
      $('#node-config-row-' + name).toggle(used.indexOf(name) >= 0);
    });
    $('#node-config-label-token').text(BpmEditor.translate(node, ns, 'label.' + (TOKEN_LABELS[kind] || 'token')));
    $('#node-config-auth-tip').text(known ? BpmEditor.translate(node, ns, 'tip.authType.' + kind) : '');
  }

  function showTestResult(node, report) {
    const result = BpmEditor.resultName(report.result);
    const target = $('#node-config-test-connection-result').empty().attr('data-result', result);
    $('<i>')
      .addClass('fa ' + RESULTS[result].icon)
      .css('color', RESULTS[result].color)
      .appendTo(target);
    $('<span>')
      .text(' ' + BpmEditor.translate(node, node.type, 'test.result.' + result))
      .appendTo(target);
    if (report.message) {
      $('<small>').css({ display: 'block', opacity: 0.8 }).text(String(report.message)).appendTo(target);
    }
  }

  function testConnection(node) {
    const ns = node.type;
    const ticket = ++latestTest;
    const button = $('#node-config-test-connection').prop('disabled', true);
    const tls = $('#node-config-input-tls').val();
    // A secret field holds "__PWRD__" for a stored secret: the runtime then uses the stored one.
    // A field this server lacks gives undefined, which JSON leaves out.
    const form = {
      id: node.id,
      url: String($('#node-config-input-url').val() || '').trim(),
      timeout: $('#node-config-input-timeout').val(),
      tls: tls && tls !== '_ADD_' ? tls : '',
      authType: $('#node-config-input-authType').val(),
      username: $('#node-config-input-username').val(),
      password: $('#node-config-input-password').val(),
      token: $('#node-config-input-token').val(),
      csrf: $('#node-config-input-csrf').val(),
      tenant: $('#node-config-input-tenant').val(),
      userType: $('#node-config-input-userType').val(),
    };
    $('#node-config-test-connection-result')
      .removeAttr('data-result')
      .empty()
      .append($('<i>').addClass('fa fa-spinner fa-spin'))
      .append($('<span>').text(' ' + BpmEditor.translate(node, ns, 'test.testing')));
    $.ajax({
      url: ns + '/test-connection',
      type: 'POST',
      contentType: 'application/json',
      data: JSON.stringify(form),
      dataType: 'json',
    })
      .done(function (report) {
        if (ticket === latestTest) {
          showTestResult(node, report || {});
        }
      })
      .fail(function (xhr) {
        if (ticket === latestTest) {
          const status = xhr.status ? xhr.status + ' ' + xhr.statusText : BpmEditor.translate(node, ns, 'test.noAnswer');
          showTestResult(node, { result: 'error', message: status });
        }
      })
      .always(function () {
        button.prop('disabled', false);
      });
  }

  /**
   * A server dialog as it opens: a property that the saved config node lacks shows its default
   * (the URL excepted: its field shows the default as a placeholder), the credentials of the
   * chosen kind of authentication, and Test connection.
   */
  function prepareServer(node) {
    const defaults = node._def.defaults;
    Object.keys(defaults).forEach(function (name) {
      const shown = defaults[name].value;
      const field = $('#node-config-input-' + name);
      // A select shows null for a value it does not offer, the empty value of a missing property.
      if (
        name !== 'url' &&
        (typeof shown === 'number' || (typeof shown === 'string' && shown !== '')) &&
        String(field.val() === null ? '' : field.val()).trim() === ''
      ) {
        field.val(shown);
      }
    });
    const limits = facts().limits;
    $('#node-config-input-timeout').spinner({ min: limits.timeout.min, step: 1000 });
    $('#node-config-input-retries').spinner({ min: limits.retries.min, max: limits.retries.max });
    $('#node-config-input-maxConcurrent').spinner({ min: limits.maxConcurrent.min });
    const authType = $('#node-config-input-authType').on('change', function () {
      showCredentials(node, $(this).val());
    });
    showCredentials(node, authType.val());
    forgetTests();
    $('#node-config-test-connection').on('click', function () {
      testConnection(node);
    });
  }

  Object.assign(BpmEditor, {
    serverDialog: serverDialog,
    defaultUrl: defaultUrl,
    prepareServer: prepareServer,
    forgetTests: forgetTests,
  });
})();
