// Boost.JSON compiled into the core library (Debian's libboost1.81-dev ships it header-only).
#include <boost/json/src.hpp>
