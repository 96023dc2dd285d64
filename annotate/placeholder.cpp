#include "core/model.hpp"
