// Editor code shared by the dialogs of @bpm-flows/node-red-bpm.
// Each node's .html loads this file and registers its type with a literal definition (so that
// the Flow Library can read it) whose behaviour comes from here: window.BpmEditor, defined once.
(function () {
    "use strict";
    if (window.BpmEditor) {
        return;
    }

    const LABEL_MAX = 32;
    // What the runtime knows of the servers (resources/server-facts.js, written by the build).
    const FACTS = window.BpmServerFacts;
    // The defaults of a server config node's limits, and the ranges its dialog accepts.
    const LIMITS = {};
    Object.keys(FACTS.limits).forEach(function (name) {
        LIMITS[name] = FACTS.limits[name].default;
    });

    // The credentials each kind of authentication uses; the dialog shows only these.
    const CREDENTIALS_USED = FACTS.credentialsUsed;
    const CREDENTIALS = ["username", "password", "token"];
    // What the token field holds for the kinds that use it.
    const TOKEN_LABELS = { bearer: "token", portalToken: "token", zenApiKey: "apiKey" };

    // Outcomes of Test connection, as the runtime reports them, with their icon and colour.
    const RESULTS = {
        reachable: { icon: "fa-check-circle", color: "var(--red-ui-text-color-success, #3a7d00)" },
        unauthorized: { icon: "fa-lock", color: "var(--red-ui-text-color-error, #c00)" },
        login: { icon: "fa-sign-in", color: "var(--red-ui-text-color-warning, #b26b00)" },
        unreachable: { icon: "fa-chain-broken", color: "var(--red-ui-text-color-error, #c00)" },
        maintenance: { icon: "fa-wrench", color: "var(--red-ui-text-color-warning, #b26b00)" },
        error: { icon: "fa-exclamation-triangle", color: "var(--red-ui-text-color-error, #c00)" }
    };

    function translate(node, ns, key, values) {
        const fullKey = ns + "." + key;
        return (node && typeof node._ === "function") ? node._(fullKey, values) : fullKey;
    }

    function shorten(text) {
        return text.length > LABEL_MAX ? text.slice(0, LABEL_MAX - 1) + "\u2026" : text;
    }

    function isMissing(value) {
        return value === undefined || value === null || value === "";
    }

    function resultName(result) {
        return Object.prototype.hasOwnProperty.call(RESULTS, result) ? result : "error";
    }

    // An empty or missing value means the default (a flow saved before the property existed).
    function integerAtLeast(ns, min, max, key) {
        return function (v, opt) {
            const text = String(v === undefined || v === null ? "" : v).trim();
            const n = Number(text);
            if (text === "" || (/^\d+$/.test(text) && n >= min && (max === undefined || n <= max))) {
                return true;
            }
            return opt ? translate(this, ns, "validation." + key) : false;
        };
    }

    // The type a TypedInput has: in the open dialog, else as saved, else its default.
    function typeOf(node, typeField, defaultType) {
        const field = $("#node-input-" + typeField);
        return (field.length ? field.val() : node[typeField]) || defaultType;
    }

    /**
     * Like RED.validators.typedInput, and a fixed value must also be usable as one path segment.
     * With `missingMeansDefault`, a value saved with neither a type nor a value is the default.
     */
    function pathSegment(ns, typeField, defaultType, missingMeansDefault) {
        const typed = RED.validators.typedInput(typeField);
        return function (v, opt) {
            if (missingMeansDefault && !this[typeField] && !$("#node-input-" + typeField).length && isMissing(v)) {
                return true;
            }
            const type = typeOf(this, typeField, defaultType);
            if (type === "str" || type === "num") {
                const text = String(v === undefined || v === null ? "" : v).trim();
                if (text === "" || text === "." || text === "..") {
                    return opt ? translate(this, ns, "validation.segment") : false;
                }
                // A number must also be one: the runtime refuses what is not a finite number.
                if (type === "str" || Number.isFinite(Number(text))) {
                    return type === "str" ? true : typed.call(this, v, opt);
                }
                return opt ? translate(this, ns, "validation.segment") : false;
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
            return typeOf(this, typeField, defaultType) === "str" ? true : typed.call(this, v, opt);
        };
    }

    // What a property holds: in the open dialog, else as saved.
    function valueOf(node, name) {
        const field = $("#node-input-" + name);
        if (!field.length) {
            return node[name];
        }
        return field.data("noderedTypedInput") ? field.typedInput("value") : field.val();
    }

    /**
     * Like RED.validators.typedInput, and a fixed value must not be empty or only whitespace;
     * with `unless`, the name of another TypedInput (of default type str), it may be empty while
     * that one is set.
     */
    function required(ns, typeField, defaultType, key, unless) {
        const typed = RED.validators.typedInput(typeField);
        return function (v, opt) {
            if (typeOf(this, typeField, defaultType) !== "str") {
                return typed.call(this, v, opt);
            }
            if (String(v === undefined || v === null ? "" : v).trim() !== "") {
                return true;
            }
            if (unless && (typeOf(this, unless + "Type", "str") !== "str" || String(valueOf(this, unless) || "").trim() !== "")) {
                return true;
            }
            return opt ? translate(this, ns, "validation." + key) : false;
        };
    }

    /**
     * Variables, form fields or query parameters: like RED.validators.typedInput, and a JSON value
     * must be an object; empty (or missing) JSON means none.
     */
    function variables(ns, typeField, defaultType) {
        const typed = RED.validators.typedInput(typeField);
        return function (v, opt) {
            if (typeOf(this, typeField, defaultType) !== "json") {
                return typed.call(this, v, opt);
            }
            const text = String(v === undefined || v === null ? "" : v).trim();
            if (text === "") {
                return true;
            }
            let value;
            try {
                value = JSON.parse(text);
            } catch {
                return typed.call(this, v, opt);
            }
            if (value === null || (typeof value === "object" && !Array.isArray(value))) {
                return true;
            }
            return opt ? translate(this, ns, "validation.object") : false;
        };
    }

    /**
     * A select's value must be one it offers; a missing value (a flow saved before the property
     * existed) means its default.
     */
    function oneOf(ns, key, values) {
        return function (v, opt) {
            if (v === undefined || v === null || v === "" || values.indexOf(v) >= 0) {
                return true;
            }
            return opt ? translate(this, ns, "validation." + key) : false;
        };
    }

    // The kinds of value the TypedInputs of the package offer.
    const TEXT = ["str", "msg", "flow", "global", "env"];
    const TYPES = {
        value: ["str", "msg", "flow", "global", "env", "jsonata"],
        id: ["msg", "str", "num", "flow", "global", "env", "jsonata"],
        lang: TEXT,
        text: TEXT,
        // Variables and form fields of the task nodes; an env value is read as JSON text.
        variables: ["json", "msg", "flow", "global", "jsonata", "env"],
        query: ["json", "msg", "flow", "global", "jsonata"]
    };

    // What every flow node's definition shares; `this` is the definition or the node, whose
    // type names the catalogue of its texts.
    function paletteLabel() {
        return this._(this.type + ".paletteLabel");
    }

    function labelStyle() {
        return this.name ? "node_label_italic" : "";
    }

    function inputLabels() {
        return this._(this.type + ".inputLabel");
    }

    function outputLabels() {
        return this._(this.type + ".outputLabel");
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
            const type = this[property + "Type"] || defaultType;
            const value = this[property];
            if ((type === "str" || type === "num") && value !== undefined && value !== null && String(value) !== "") {
                const values = {};
                values[property] = shorten(String(value));
                return this._(this.type + ".nodeLabel." + key, values);
            }
            return this._(this.type + ".nodeLabel.default");
        };
    }

    /** A node's label: its name, else `nodeLabel.{choice}` when `property` is `choice`, else `nodeLabel.default`. */
    function choiceLabel(property, choice) {
        return function () {
            if (this.name) {
                return this.name;
            }
            return this._(this.type + ".nodeLabel." + (this[property] === choice ? choice : "default"));
        };
    }

    /**
     * Turns the dialog's inputs into TypedInputs: `inputs` maps a property to
     * `[default type, kind of TYPES, whether the runtime reads a property saved with neither a
     * type nor a value as its default]`; such a property then shows that default. A checkbox or
     * a select whose property the saved node lacks shows its default too.
     */
    function prepare(node, inputs) {
        Object.keys(node._def.defaults).forEach(function (name) {
            const field = $("#node-input-" + name);
            const shown = node._def.defaults[name].value;
            if (node[name] !== undefined && node[name] !== null && node[name] !== "") {
                return;
            }
            if (field.is(":checkbox") && typeof shown === "boolean" && node[name] === undefined) {
                field.prop("checked", shown);
            } else if (field.is("select") && shown !== "") {
                field.val(shown);
            }
        });
        Object.keys(inputs).forEach(function (name) {
            const field = $("#node-input-" + name);
            if (inputs[name][2] && !node[name + "Type"] && isMissing(node[name])) {
                field.val(node._def.defaults[name].value);
            }
            field.typedInput({
                default: inputs[name][0],
                typeField: "#node-input-" + name + "Type",
                types: TYPES[inputs[name][1]]
            });
        });
    }

    // The width of a TypedInput with a picker button beside it.
    const PICK_WIDTH = "calc(70% - 44px)";
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
            return translate(node, node.type, options.texts + "." + key, values);
        };
        const field = $("#node-input-" + options.field);
        const pick = $("#node-input-" + options.field + "-pick");
        const list = $("#node-input-" + options.field + "-list").css({
            margin: "6px 0 0 104px",
            width: "calc(70% - 4px)",
            "max-height": "180px",
            "overflow-y": "auto",
            border: "1px solid var(--red-ui-secondary-border-color, #ccc)",
            "border-radius": "4px",
            background: "var(--red-ui-secondary-background, #fff)"
        });

        function hide() {
            list.hide().empty();
        }

        function show(entries) {
            list.empty();
            const offered = entries.filter(Boolean).map(options.item).filter(function (entry) {
                return typeof entry.value === "string" && entry.value !== "";
            });
            if (offered.length === 0) {
                $("<div>").css({ padding: "6px 8px", "font-style": "italic" }).text(say("none")).appendTo(list);
            }
            offered.forEach(function (entry) {
                const item = $("<a href=\"#\" role=\"option\">").addClass(options.itemClass)
                    .attr(options.attribute, entry.value)
                    .css({ display: "block", padding: "4px 8px", color: "inherit", "text-decoration": "none", "border-bottom": "1px solid var(--red-ui-secondary-border-color, #eee)" })
                    .on("mouseenter", function () { $(this).css("background", "var(--red-ui-list-item-background-hover, #eee)"); })
                    .on("mouseleave", function () { $(this).css("background", ""); })
                    .on("click", function (event) {
                        event.preventDefault();
                        field.typedInput("value", entry.value);
                        Object.keys(entry.fill || {}).forEach(function (name) {
                            const other = $("#node-input-" + name);
                            other.typedInput("type", "str");
                            other.typedInput("value", entry.fill[name]);
                        });
                        hide();
                    })
                    .appendTo(list);
                $("<div>").css("font-weight", "bold").text(entry.label || entry.value).appendTo(item);
                const details = $("<small>").css({ display: "block", opacity: 0.8 }).appendTo(item);
                if (entry.note) {
                    $("<span>").text(entry.note + " \u00b7 ").appendTo(details);
                }
                $("<code>").text(entry.value).appendTo(details);
            });
            list.show();
        }

        function reportFailure(report) {
            // As text: the message comes from the server, and notify() would render a string as HTML.
            RED.notify($("<p>").text(say("failed", {
                result: say("result." + resultName(report.result)),
                message: report.message || ""
            })), "error");
        }

        function ask() {
            const serverId = $("#node-input-server").val();
            const server = serverId && serverId !== "_ADD_" ? RED.nodes.node(serverId) : null;
            if (!server) {
                RED.notify(say("needServer"), "warning");
                return;
            }
            const own = options.ask();
            if (typeof own === "string") {
                RED.notify(say(own), "warning");
                return;
            }
            const request = $.extend({
                server: {
                    id: server.id,
                    url: server.url,
                    timeout: server.timeout,
                    tls: server.tls || "",
                    authType: server.authType,
                    csrf: server.csrf,
                    tenant: server.tenant,
                    userType: server.userType
                },
                lang: fixedText("lang")
            }, own);
            const ticket = ++latestList;
            pick.prop("disabled", true).find("i").attr("class", "fa fa-spinner fa-spin");
            hide();
            $.ajax({
                url: options.url,
                type: "POST",
                contentType: "application/json",
                data: JSON.stringify(request),
                dataType: "json"
            }).done(function (answer) {
                if (ticket !== latestList) {
                    return;
                }
                if (answer && answer.result === "reachable" && Array.isArray(answer[options.list])) {
                    show(answer[options.list]);
                } else {
                    reportFailure(answer || {});
                }
            }).fail(function (xhr) {
                if (ticket === latestList) {
                    reportFailure({ result: "error", message: xhr.status ? xhr.status + " " + xhr.statusText : "" });
                }
            }).always(function () {
                pick.prop("disabled", false).find("i").attr("class", "fa fa-list");
            });
        }

        forgetLists();
        RED.popover.tooltip(pick, say("button"));
        pick.attr("aria-label", say("button"));
        // Only a fixed value can be picked.
        const toggle = function () {
            const fixed = field.typedInput("type") === "str";
            pick.toggle(fixed);
            field.typedInput("width", fixed ? PICK_WIDTH : "70%");
            if (!fixed) {
                hide();
            }
        };
        field.on("change", toggle);
        toggle();
        pick.on("click", ask);
    }

    /** What a fixed TypedInput holds, trimmed; "" when it is not fixed text. */
    function fixedText(name) {
        const field = $("#node-input-" + name);
        return field.typedInput("type") === "str" ? String(field.typedInput("value") || "").trim() : "";
    }

    /**
     * A server dialog: the rows every server has around the server's own rows (`ownRows`, the
     * HTML of its template): name, URL, authentication and its credentials before them, Test
     * connection, TLS and limits after them.
     */
    function dialogHtml(ns, defaultUrl, authTypes, ownRows) {
        // The editor translates the template after oneditprepare: a label that changes has no data-i18n.
        const label = function (name, icon, changing) {
            const text = changing ? "" : " data-i18n=\"" + ns + ".label." + name + "\"";
            return "<label for=\"node-config-input-" + name + "\"><i class=\"fa " + icon + "\"></i> " +
                "<span id=\"node-config-label-" + name + "\"" + text + "></span></label>";
        };
        const row = function (name, icon, input, changing) {
            return "<div class=\"form-row\" id=\"node-config-row-" + name + "\">" + label(name, icon, changing) + " " + input + "</div>";
        };
        const number = function (name) {
            return "<input type=\"text\" id=\"node-config-input-" + name + "\" style=\"width:120px;\">";
        };
        const kinds = authTypes.map(function (kind) {
            return "<option value=\"" + kind + "\" data-i18n=\"" + ns + ".authType." + kind + "\"></option>";
        }).join("");
        return [
            "<style>",
            "    /* Wider labels: some of them, in German for one, do not fit Node-RED's 100px. */",
            "    .bpm-server-form > .form-row > label { width: 150px; }",
            "    .bpm-server-form > .form-row > select { width: 70%; }",
            "</style>",
            "<div class=\"bpm-server-form\">",
            row("name", "fa-tag", "<input type=\"text\" id=\"node-config-input-name\" data-i18n=\"[placeholder]" + ns + ".label.name\">"),
            row("url", "fa-globe", "<input type=\"text\" id=\"node-config-input-url\" placeholder=\"" + defaultUrl + "\">"),
            row("authType", "fa-id-card-o", "<select id=\"node-config-input-authType\">" + kinds + "</select>" +
                "<div id=\"node-config-auth-tip\" style=\"margin: 4px 0 0 154px; width: 70%; font-size: 0.9em; opacity: 0.8;\"></div>"),
            row("username", "fa-user", "<input type=\"text\" id=\"node-config-input-username\" autocomplete=\"off\">"),
            row("password", "fa-lock", "<input type=\"password\" id=\"node-config-input-password\" autocomplete=\"new-password\">"),
            row("token", "fa-key", "<input type=\"password\" id=\"node-config-input-token\" autocomplete=\"new-password\">", true),
            ownRows,
            "<div class=\"form-row\">",
            "    <label>&nbsp;</label>",
            "    <button type=\"button\" class=\"red-ui-button\" id=\"node-config-test-connection\"><i class=\"fa fa-plug\"></i> <span data-i18n=\"" + ns + ".test.button\"></span></button>",
            "    <div id=\"node-config-test-connection-result\" role=\"status\" aria-live=\"polite\" style=\"margin: 6px 0 0 154px;\"></div>",
            "</div>",
            row("tls", "fa-shield", "<input type=\"text\" id=\"node-config-input-tls\">"),
            row("timeout", "fa-clock-o", number("timeout") + " <span data-i18n=\"" + ns + ".label.milliseconds\"></span>"),
            row("retries", "fa-repeat", number("retries")),
            row("maxConcurrent", "fa-tasks", number("maxConcurrent")),
            "<div class=\"form-tips\"><span data-i18n=\"" + ns + ".tip.url\"></span></div>",
            "</div>"
        ].join("\n");
    }

    /**
     * Builds a server's dialog around its own rows, which its template holds. Called before the
     * server registers its type: the editor reads the template when a dialog opens.
     */
    function serverDialog(ns) {
        const server = FACTS.servers[ns];
        const template = $("script[data-template-name=\"" + ns + "\"]");
        template.text(dialogHtml(ns, server.defaultUrl, server.authTypes, template.html() || ""));
    }

    /** The URL a new config node of this server type starts with. */
    function defaultUrl(ns) {
        return FACTS.servers[ns].defaultUrl;
    }

    // The validators of a server's properties, for the server type `ns`.
    function authType(ns) {
        return oneOf(ns, "authType", FACTS.servers[ns].authTypes);
    }

    function csrfMode(ns) {
        return oneOf(ns, "csrf", FACTS.csrfModes);
    }

    function url(ns) {
        return function (v, opt) {
            const text = String(v || "").trim();
            if (!/^https?:\/\/[^\s/]+/i.test(text)) {
                return opt ? translate(this, ns, "validation.url") : false;
            }
            // user:password@ would end up in the flow file: credentials go into their fields.
            if (/^https?:\/\/[^/?#]*@/i.test(text)) {
                return opt ? translate(this, ns, "validation.urlCredentials") : false;
            }
            return true;
        };
    }

    function limit(ns, name) {
        const range = FACTS.limits[name];
        return integerAtLeast(ns, range.min, range.max, name);
    }

    // Answers to a test started in an earlier dialog must not land in the current one.
    let latestTest = 0;

    function forgetTests() {
        latestTest++;
    }

    function showCredentials(node, kind) {
        const ns = node.type;
        const known = Object.prototype.hasOwnProperty.call(CREDENTIALS_USED, kind);
        const used = known ? CREDENTIALS_USED[kind] : [];
        CREDENTIALS.forEach(function (name) {
            $("#node-config-row-" + name).toggle(used.indexOf(name) >= 0);
        });
        $("#node-config-label-token").text(translate(node, ns, "label." + (TOKEN_LABELS[kind] || "token")));
        $("#node-config-auth-tip").text(known ? translate(node, ns, "tip.authType." + kind) : "");
    }

    function showTestResult(node, report) {
        const result = resultName(report.result);
        const target = $("#node-config-test-connection-result").empty().attr("data-result", result);
        $("<i>").addClass("fa " + RESULTS[result].icon).css("color", RESULTS[result].color).appendTo(target);
        $("<span>").text(" " + translate(node, node.type, "test.result." + result)).appendTo(target);
        if (report.message) {
            $("<small>").css({ display: "block", opacity: 0.8 }).text(String(report.message)).appendTo(target);
        }
    }

    function testConnection(node) {
        const ns = node.type;
        const ticket = ++latestTest;
        const button = $("#node-config-test-connection").prop("disabled", true);
        const tls = $("#node-config-input-tls").val();
        // A secret field holds "__PWRD__" for a stored secret: the runtime then uses the stored one.
        // A field this server lacks gives undefined, which JSON leaves out.
        const form = {
            id: node.id,
            url: String($("#node-config-input-url").val() || "").trim(),
            timeout: $("#node-config-input-timeout").val(),
            tls: tls && tls !== "_ADD_" ? tls : "",
            authType: $("#node-config-input-authType").val(),
            username: $("#node-config-input-username").val(),
            password: $("#node-config-input-password").val(),
            token: $("#node-config-input-token").val(),
            csrf: $("#node-config-input-csrf").val(),
            tenant: $("#node-config-input-tenant").val(),
            userType: $("#node-config-input-userType").val()
        };
        $("#node-config-test-connection-result").removeAttr("data-result").empty()
            .append($("<i>").addClass("fa fa-spinner fa-spin"))
            .append($("<span>").text(" " + translate(node, ns, "test.testing")));
        $.ajax({
            url: ns + "/test-connection",
            type: "POST",
            contentType: "application/json",
            data: JSON.stringify(form),
            dataType: "json"
        }).done(function (report) {
            if (ticket === latestTest) {
                showTestResult(node, report || {});
            }
        }).fail(function (xhr) {
            if (ticket === latestTest) {
                const status = xhr.status ? xhr.status + " " + xhr.statusText : translate(node, ns, "test.noAnswer");
                showTestResult(node, { result: "error", message: status });
            }
        }).always(function () {
            button.prop("disabled", false);
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
            const field = $("#node-config-input-" + name);
            // A select shows null for a value it does not offer, the empty value of a missing property.
            if (name !== "url" && (typeof shown === "number" || (typeof shown === "string" && shown !== "")) &&
                String(field.val() === null ? "" : field.val()).trim() === "") {
                field.val(shown);
            }
        });
        $("#node-config-input-timeout").spinner({ min: FACTS.limits.timeout.min, step: 1000 });
        $("#node-config-input-retries").spinner({ min: FACTS.limits.retries.min, max: FACTS.limits.retries.max });
        $("#node-config-input-maxConcurrent").spinner({ min: FACTS.limits.maxConcurrent.min });
        const authType = $("#node-config-input-authType").on("change", function () {
            showCredentials(node, $(this).val());
        });
        showCredentials(node, authType.val());
        forgetTests();
        $("#node-config-test-connection").on("click", function () {
            testConnection(node);
        });
    }

    function serverLabel() {
        return this.name || this.url;
    }

    window.BpmEditor = {
        LIMITS: LIMITS,
        translate: translate,
        shorten: shorten,
        resultName: resultName,
        pathSegment: pathSegment,
        optional: optional,
        required: required,
        variables: variables,
        oneOf: oneOf,
        paletteLabel: paletteLabel,
        labelStyle: labelStyle,
        inputLabels: inputLabels,
        outputLabels: outputLabels,
        label: label,
        choiceLabel: choiceLabel,
        prepare: prepare,
        listPicker: listPicker,
        forgetLists: forgetLists,
        fixedText: fixedText,
        serverDialog: serverDialog,
        defaultUrl: defaultUrl,
        authType: authType,
        csrfMode: csrfMode,
        url: url,
        limit: limit,
        serverLabel: serverLabel,
        prepareServer: prepareServer,
        forgetTests: forgetTests
    };
})();
