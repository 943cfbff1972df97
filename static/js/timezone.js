// The browser's time zone (issue 17): fills the sign-up form's hidden field, and keeps a
// cookie so that pages for visitors who are not signed in show times in their zone.
// The server checks the name against its list; without JavaScript the site uses UTC.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone || !/^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) {
    return;
  }
  var name = "wsr_time_zone";
  var current = document.cookie.split("; ").filter(function (pair) {
    return pair.indexOf(name + "=") === 0;
  })[0];
  if (current !== name + "=" + zone) {
    document.cookie = name + "=" + zone +
      "; path=/; max-age=31536000; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
  }
  function fill() {
    var fields = document.querySelectorAll("input[data-detect-time-zone]");
    for (var i = 0; i < fields.length; i += 1) {
      fields[i].value = zone;
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
