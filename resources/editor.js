// Editor code shared by the dialogs of @bpm-flows/node-red-contrib-bpm-adhoc.
// Each node's .html loads this file; it defines window.BpmAdhocEditor once.
(function () {
    "use strict";
    if (window.BpmAdhocEditor) {
        return;
    }

    const LABEL_MAX = 32;
    const COLOR = "#C7E9C0";
    // The defaults of a server config node's limits, as the runtime applies them.
    const LIMITS = { timeout: 30000, retries: 2, maxConcurrent: 8 };

    // Outcomes of Test connection, as the runtime reports them, with their icon and colour.
    const RESULTS = {
        reachable: { icon: "fa-check-circle", color: "var(--red-ui-text-color-success, #3a7d00)" },
        unauthorized: { icon: "fa-lock", color: "var(--red-ui-text-color-error, #c00)" },
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

    function resultName(result) {
        return RESULTS.hasOwnProperty(result) ? result : "error";
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

    // Like RED.validators.typedInput, and a fixed value must also be usable as one path segment.
    function pathSegment(ns, typeField, defaultType) {
        const typed = RED.validators.typedInput(typeField);
        return function (v, opt) {
            const field = $("#node-input-" + typeField);
            const type = (field.length ? field.val() : this[typeField]) || defaultType;
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
            const field = $("#node-input-" + typeField);
            const type = (field.length ? field.val() : this[typeField]) || defaultType;
            return type === "str" ? true : typed.call(this, v, opt);
        };
    }

    /** The parts every flow node of the package shares; `definition` adds and overrides. */
    function flowNode(ns, icon, definition) {
        return Object.assign({
            category: "BPM",
            color: COLOR,
            inputs: 1,
            outputs: 1,
            icon: icon,
            paletteLabel: function () {
                return this._(ns + ".paletteLabel");
            },
            labelStyle: function () {
                return this.name ? "node_label_italic" : "";
            },
            inputLabels: function () {
                return this._(ns + ".inputLabel");
            },
            outputLabels: function () {
                return this._(ns + ".outputLabel");
            }
        }, definition);
    }

    /** The definition of a server config node with a Test connection button. */
    function serverConfig(ns, defaultUrl) {
        // Answers to a test started in an earlier dialog must not land in the current one.
        let latestTest = 0;

        function showTestResult(node, report) {
            const result = resultName(report.result);
            const target = $("#node-config-test-connection-result").empty().attr("data-result", result);
            $("<i>").addClass("fa " + RESULTS[result].icon).css("color", RESULTS[result].color).appendTo(target);
            $("<span>").text(" " + translate(node, ns, "test.result." + result)).appendTo(target);
            if (report.message) {
                $("<small>").css({ display: "block", opacity: 0.8 }).text(String(report.message)).appendTo(target);
            }
        }

        function testConnection(node) {
            const ticket = ++latestTest;
            const button = $("#node-config-test-connection").prop("disabled", true);
            const tls = $("#node-config-input-tls").val();
            // The password field holds "__PWRD__" for a stored password: the runtime then uses the stored one.
            const form = {
                id: node.id,
                url: String($("#node-config-input-url").val() || "").trim(),
                timeout: $("#node-config-input-timeout").val(),
                tls: tls && tls !== "_ADD_" ? tls : "",
                username: $("#node-config-input-username").val(),
                password: $("#node-config-input-password").val()
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

        return {
            category: "config",
            defaults: {
                name: { value: "" },
                url: {
                    value: defaultUrl,
                    required: true,
                    validate: function (v, opt) {
                        const text = String(v || "").trim();
                        if (!/^https?:\/\/[^\s\/]+/i.test(text)) {
                            return opt ? translate(this, ns, "validation.url") : false;
                        }
                        // user:password@ would end up in the flow file: credentials go into their fields.
                        if (/^https?:\/\/[^\/?#]*@/i.test(text)) {
                            return opt ? translate(this, ns, "validation.urlCredentials") : false;
                        }
                        return true;
                    }
                },
                timeout: { value: LIMITS.timeout, validate: integerAtLeast(ns, 1, undefined, "timeout") },
                tls: { type: "tls-config", required: false },
                retries: { value: LIMITS.retries, validate: integerAtLeast(ns, 0, 10, "retries") },
                maxConcurrent: { value: LIMITS.maxConcurrent, validate: integerAtLeast(ns, 1, undefined, "maxConcurrent") }
            },
            credentials: {
                username: { type: "text" },
                password: { type: "password" }
            },
            label: function () {
                return this.name || this.url;
            },
            oneditprepare: function () {
                // A config node saved without a limit uses its default: the dialog shows it.
                Object.keys(LIMITS).forEach(function (name) {
                    const field = $("#node-config-input-" + name);
                    if (String(field.val() || "").trim() === "") {
                        field.val(LIMITS[name]);
                    }
                });
                $("#node-config-input-timeout").spinner({ min: 1, step: 1000 });
                $("#node-config-input-retries").spinner({ min: 0, max: 10 });
                $("#node-config-input-maxConcurrent").spinner({ min: 1 });
                latestTest++;
                const node = this;
                $("#node-config-test-connection").on("click", function () {
                    testConnection(node);
                });
            },
            oneditsave: function () {
                latestTest++;
            },
            oneditcancel: function () {
                latestTest++;
            }
        };
    }

    window.BpmAdhocEditor = {
        translate: translate,
        shorten: shorten,
        resultName: resultName,
        pathSegment: pathSegment,
        optional: optional,
        flowNode: flowNode,
        serverConfig: serverConfig
    };
})();
