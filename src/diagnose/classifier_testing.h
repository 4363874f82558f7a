// NAME
//   classifier_testing - the built-in knowledge base for tests, loaded once per program
// SYNOPSIS
//   const Classifier& c = *BuiltInClassifier();
// DESCRIPTION
//   Loading and compiling the rules takes tens of milliseconds; tests share one load. A
//   load that fails is reported as a failure of the test that asked first, and the
//   pointer is then null.
#ifndef MAILWHY_DIAGNOSE_CLASSIFIER_TESTING_H_
#define MAILWHY_DIAGNOSE_CLASSIFIER_TESTING_H_

#include <memory>

#include <gtest/gtest.h>

#include "diagnose/classifier.h"

namespace mailwhy {

inline const std::shared_ptr<const Classifier>& BuiltInClassifier() {
  static const std::shared_ptr<const Classifier> c = [] {
    std::shared_ptr<const Classifier> out;
    Status s = Classifier::Load(RuleLoadOptions{}, &out);
    if (!s.ok()) ADD_FAILURE() << s.ToString();
    return out;
  }();
  return c;
}

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_CLASSIFIER_TESTING_H_
