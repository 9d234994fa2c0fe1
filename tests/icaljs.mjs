// Read calendar feeds with Mozilla's ical.js (the parser inside Thunderbird), as a client would.
//
//   node tests/icaljs.mjs FIRST LAST FILE...     (FIRST, LAST: YYYY-MM-DD; LAST excluded)
//
// Prints JSON, for each file: the problems found (a parse error, a TZID without its VTIMEZONE,
// a meeting at a floating time), the text of every event, and every occurrence that starts
// from FIRST to before LAST: timed ones in seconds since 1970, all-day ones as YYYY-MM-DD.
// Overrides are related to their series by UID, as Thunderbird does.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [first, last, ...files] = process.argv.slice(2);
const result = {};
for (const file of files) {
  result[file] = read(readFileSync(file, "utf8"));
}
process.stdout.write(JSON.stringify(result));

function read(text) {
  const problems = [];
  const events = [];
  const occurrences = [];
  let root;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    return { problems: [`parse: ${error}`], events, occurrences };
  }
  ICAL.TimezoneService.reset(); // each feed must carry its own VTIMEZONE
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  const vevents = root.getAllSubcomponents("vevent");
  for (const vevent of vevents) {
    for (const property of vevent.getAllProperties()) {
      const tzid = property.getParameter("tzid");
      if (tzid && !ICAL.TimezoneService.has(tzid)) {
        problems.push(`${property.name}: no VTIMEZONE for ${tzid}`);
      }
    }
    const start = vevent.getFirstPropertyValue("dtstart");
    if (!start.isDate && start.zone.tzid === "floating") {
      problems.push(`${vevent.getFirstPropertyValue("uid")}: floating time`);
    }
    const recurrenceId = vevent.getFirstPropertyValue("recurrence-id");
    events.push({
      uid: vevent.getFirstPropertyValue("uid"),
      recurrence_id: recurrenceId ? recurrenceId.toUnixTime() : null,
      summary: vevent.getFirstPropertyValue("summary"),
      description: vevent.getFirstPropertyValue("description"),
      location: vevent.getFirstPropertyValue("location"),
    });
  }
  const from = ICAL.Time.fromDateString(first);
  const to = ICAL.Time.fromDateString(last);
  const enough = to.clone();
  enough.adjust(62, 0, 0, 0); // a meeting moved back into the window from after it
  for (const master of vevents.filter((v) => !v.hasProperty("recurrence-id"))) {
    const uid = master.getFirstPropertyValue("uid");
    const exceptions = vevents.filter((v) => v.hasProperty("recurrence-id") && v.getFirstPropertyValue("uid") === uid);
    const event = new ICAL.Event(master, { exceptions, strictExceptions: true });
    const add = (item, startDate, endDate) => {
      if (startDate.isDate ? startDate.toString() >= first && startDate.toString() < last
        : startDate.compare(from) >= 0 && startDate.compare(to) < 0) {
        occurrences.push({ uid, summary: item.summary, start: when(startDate), end: when(endDate) });
      }
    };
    if (!event.isRecurring()) {
      add(event, event.startDate, event.endDate);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(enough) < 0; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      add(details.item, details.startDate, details.endDate);
    }
  }
  return { problems, events, occurrences };
}

function when(time) {
  return time.isDate ? time.toString() : time.toUnixTime();
}
