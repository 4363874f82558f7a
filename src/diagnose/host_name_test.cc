// host_name_test - which sender domains look like a machine's host name, both ways: the
// seed's web01.hmk-temp.com is flagged, mailing-list and bulk-mail domains are not.
#include "diagnose/host_name.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

struct Case {
  const char* domain;
  const char* server;
  const char* client;
  const char* want;  // the label that gave it away, "" for an organisation's domain
};

TEST(MachineHostLabel, Table) {
  const Case cases[] = {
      // Seed 003 case 26, as examples/seed-cases.log fills in the redaction.
      {"web01.hmk-temp.com", "mx1", "", "web01"},
      {"WEB01.HMK-TEMP.COM.", "mx1", "", "web01"},
      {"www.example.com", "mx1", "", "www"},
      {"host-123.example.net", "", "", "host-123"},
      {"vps12345.hosting.example", "", "", "vps12345"},
      {"ip-10-0-0-1.example.com", "", "", "ip-10-0-0-1"},
      {"ec2-203-0-113-5.compute.example.com", "", "", "ec2-203-0-113-5"},
      {"web01.example.co.jp", "", "", "web01"},
      // Private names and bare host names.
      {"localhost.localdomain", "", "", "localhost"},
      {"localhost", "", "", "localhost"},
      {"web01", "", "", "web01"},
      {"nas.local", "", "", "local"},
      {"build.corp.internal", "", "", "internal"},
      {"printer.home.arpa", "", "", "home.arpa"},
      // The server that logged it, or the submitting client.
      {"mx1.example.com", "mx1", "", "mx1"},
      {"mail.example.com", "mail.example.com", "", "mail"},
      {"appserver.example.com", "mx1", "appserver.example.com", "appserver"},
      // Organisation and mailing-list domains.
      {"example.com", "example.com", "", ""},
      {"example.co.jp", "", "", ""},
      {"shop1.co.jp", "", "", ""},
      {"mail.example.com", "mx1", "", ""},
      {"news.example.com", "mx1", "", ""},
      {"lists.example.org", "mx1", "", ""},
      {"bounce.example.com", "mx1", "", ""},
      {"em1234.example.com", "mx1", "", ""},
      {"bounce2.example.com", "mx1", "", ""},
      {"hmk-example.com", "mx1", "", ""},
      {"monikura.rei.com", "mx1", "", ""},
      {"mx1.example.com", "***", "", "mx1"},  // redacted server: the label alone decides
      {"", "mx1", "", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MachineHostLabel(c.domain, c.server, c.client), c.want)
        << "domain " << c.domain << " server " << c.server << " client " << c.client;
  }
}

}  // namespace
}  // namespace mailwhy
