"use strict";
// Runs the query with fetch and shows a SPARQL JSON answer as a table, anything else as text.
// Values are set as textContent, never as HTML: the data is not ours to trust.
const form = document.getElementById("form");
const query = document.getElementById("query");
const accept = document.getElementById("accept");
const status = document.getElementById("status");
const answer = document.getElementById("answer");
const examples = document.getElementById("examples");
const named = JSON.parse(document.getElementById("named").textContent);

for (const name of Object.keys(named)) {
  const option = document.createElement("option");
  option.value = name;
  option.textContent = name;
  examples.append(option);
}
examples.addEventListener("change", () => {
  if (examples.value) query.value = named[examples.value];
});

function element(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

function table(data) {
  if ("boolean" in data) return element("p", data.boolean ? "yes" : "no");
  const grid = document.createElement("table");
  const head = grid.createTHead().insertRow();
  for (const name of data.head.vars) head.append(element("th", name));
  const body = grid.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const name of data.head.vars) row.append(element("td", binding[name] ? binding[name].value : ""));
  }
  return grid;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "running…";
  answer.replaceChildren();
  const started = performance.now();
  try {
    const response = await fetch("sparql", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query", "Accept": accept.value},
      body: query.value,
    });
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2) + " s";
    const type = response.headers.get("Content-Type") || "";
    if (response.ok && type.startsWith("application/sparql-results+json")) {
      const data = JSON.parse(text);
      answer.append(table(data));
      status.textContent = (data.results ? data.results.bindings.length + " rows in " : "") + seconds;
    } else {
      answer.append(element("pre", text));
      status.textContent = response.status + " " + response.statusText + " in " + seconds;
    }
  } catch (error) {
    status.textContent = String(error);
  }
});
