// NAME
//   html_to_text - the readable text of an HTML part, for bounces sent only as HTML
// DESCRIPTION
//   Exchange, Office 365 and some web mailers write the human-readable part of a
//   notification in HTML ("<p><b>Delivery has failed to these recipients or groups:</b>
//   </p>"). HtmlToText() keeps the words and the line structure a format reader needs:
//   block ends (<br>, </p>, </div>, </tr>, </li>, </h1>..) become line breaks, <script>
//   and <style> contents are dropped, other tags vanish, and the common entities (&amp;
//   &lt; &gt; &quot; &#39; &nbsp; &#NNN; &#xHH;) are decoded to UTF-8.
// BUGS
//   Not a browser: comments containing ">" and attributes containing ">" end the tag
//   early. Good enough for the short, generated HTML of notifications.
#ifndef MAILWHY_BOUNCE_HTML_TO_TEXT_H_
#define MAILWHY_BOUNCE_HTML_TO_TEXT_H_

#include <string>
#include <string_view>

namespace mailwhy {

std::string HtmlToText(std::string_view html);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_HTML_TO_TEXT_H_
