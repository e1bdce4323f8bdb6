/** Black-box tests that run the real haven program on 127.0.0.1 against real peers. */
package io.haven.it;
